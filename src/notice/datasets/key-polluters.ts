import {
  booleanField,
  cityField,
  creditCodeField,
  enumField,
  periodField,
  textField,
  urlField,
} from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 四(四) 建立企业环境信息公开统一平台，及时发布重点排污单位环境信息. The yearly 重点排污单位
 * 名录 with the environmental information each unit must disclose.
 */
export const keyPolluters: NoticeDataset = {
  dataset: {
    id: 'key-polluters',
    title: { zh: '重点排污单位环境信息', en: 'Environmental information of key polluters' },
    description: {
      zh: '年度重点排污单位名录及其环境信息：名录类别、行业、主要污染物、排放方式、排污许可证编号、自行监测是否超标和信息公开网址。',
      en: 'The yearly list of key pollutant-discharging units and their environmental information: list category, industry, main pollutants, discharge method, pollutant discharge permit number, whether self-monitoring found exceedances and where the information is published.',
    },
    agencies: ['sx-environment'],
    legalBasis: LEGAL_BASIS,
    clause: '四(四)',
    cadence: 'annual',
    periodKind: 'year',
    dueRule: { offset: 'P3M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['生态环境'],
    tags: ['重点排污单位', '企业环境信息', '排污许可', '污染源'],
    disclosure: 'proactive',
    graphqlName: 'keyPolluters',
  },
  schema: {
    fields: [
      periodField('year', { zh: '名录年度', en: 'Year of the list' }),
      creditCodeField(),
      enumField(
        'list_category',
        ['名录类别', 'List category'],
        ['水环境', '大气环境', '土壤环境', '声环境', '其他重点排污单位'],
      ),
      textField('unit_name', ['单位名称', 'Unit'], { required: true, role: 'attribute' }),
      cityField(),
      textField('industry', ['行业类别', 'Industry'], { role: 'attribute' }),
      textField('main_pollutants', ['主要污染物', 'Main pollutants'], { role: 'attribute' }),
      enumField(
        'discharge_method',
        ['排放方式', 'Discharge method'],
        ['有组织排放', '无组织排放', '直接排放', '间接排放'],
        {
          required: false,
          role: 'attribute',
        },
      ),
      textField('permit_no', ['排污许可证编号', 'Discharge permit number'], { role: 'attribute' }),
      booleanField('exceeded', ['自行监测是否超标', 'Self-monitoring found exceedances']),
      urlField('disclosure_url', ['信息公开网址', 'Where the information is published']),
    ],
    primaryKey: ['period', 'credit_code', 'list_category'],
    missingValues: [''],
  },
};
