import { booleanField, cityField, countField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 四(四) 持续推进集中式生活饮用水水源水质监测信息公开. */
export const drinkingWaterSources: NoticeDataset = {
  dataset: {
    id: 'drinking-water-sources',
    title: { zh: '集中式生活饮用水水源水质监测', en: 'Water quality of centralised drinking water sources' },
    description: {
      zh: '各设区的市集中式生活饮用水水源地的月度水质监测结果：水源类型、监测项目数、水质类别、是否达标和超标项目。',
      en: 'Monthly monitoring of each centralised drinking water source in the cities: kind of source, parameters monitored, water quality class, whether it meets the standard and which parameters exceed it.',
    },
    agencies: ['sx-environment'],
    legalBasis: LEGAL_BASIS,
    clause: '四(四)',
    cadence: 'monthly',
    periodKind: 'month',
    dueRule: { offset: 'P20D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['生态环境'],
    tags: ['饮用水', '水源地', '水质监测', '环境信息'],
    disclosure: 'proactive',
    graphqlName: 'drinkingWaterSourceReadings',
  },
  schema: {
    fields: [
      periodField('month', { zh: '监测月份', en: 'Month' }),
      cityField(),
      textField('source_name', ['水源地名称', 'Water source'], { required: true, role: 'dimension' }),
      enumField(
        'source_type',
        ['水源类型', 'Kind of source'],
        ['地表水（河流）', '地表水（湖库）', '地下水'],
      ),
      countField('parameters', ['监测项目数', 'Parameters monitored'], '项', { required: true }),
      enumField(
        'quality_class',
        ['水质类别', 'Water quality class'],
        ['Ⅰ类', 'Ⅱ类', 'Ⅲ类', 'Ⅳ类', 'Ⅴ类', '劣Ⅴ类'],
        {
          description: {
            zh: '地表水按GB 3838-2002，地下水按GB/T 14848-2017',
            en: 'GB 3838-2002 for surface water, GB/T 14848-2017 for groundwater',
          },
        },
      ),
      booleanField('meets_standard', ['是否达标', 'Meets the standard'], { required: true }),
      textField('exceeding', ['超标项目及倍数', 'Parameters exceeding the standard'], {
        role: 'attribute',
        description: {
          zh: '达标时为空，如“硫酸盐(0.2)”',
          en: 'Empty when the standard is met, e.g. 硫酸盐(0.2)',
        },
      }),
    ],
    primaryKey: ['period', 'city', 'source_name'],
    missingValues: [''],
  },
};
