import { amountField, cityField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 四(二) 以设区的市为单位指导辖区内医疗机构公开常规医疗服务价格、常用药品和主要医用耗材
 * 价格信息. The price list in force per year and city; a price change is a revision.
 */
export const medicalServicePrices: NoticeDataset = {
  dataset: {
    id: 'medical-service-prices',
    title: { zh: '医疗服务价格', en: 'Medical service prices' },
    description: {
      zh: '各设区的市公立医疗机构常规医疗服务项目、常用药品和主要医用耗材的价格，按医院等级分列：项目编码、名称、计价单位和价格（元）。',
      en: 'Prices of routine medical services, common medicines and main medical consumables at public medical institutions in each city, by hospital grade: code, name, pricing unit and price (yuan).',
    },
    agencies: ['sx-health', 'sx-development-reform'],
    legalBasis: LEGAL_BASIS,
    clause: '四(二)',
    cadence: 'irregular',
    periodKind: 'year',
    dueRule: { offset: 'P15D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['卫生健康', '价格'],
    tags: ['医疗服务价格', '药品价格', '医用耗材', '院务公开'],
    disclosure: 'proactive',
    graphqlName: 'medicalServicePrices',
  },
  schema: {
    fields: [
      periodField('year', { zh: '价格年度', en: 'Year' }),
      cityField(),
      enumField('item_kind', ['类别', 'Kind'], ['医疗服务项目', '药品', '医用耗材']),
      textField('item_code', ['项目编码', 'Item code'], { required: true, role: 'dimension' }),
      textField('item_name', ['项目名称', 'Item'], { required: true, role: 'attribute' }),
      textField('pricing_unit', ['计价单位', 'Pricing unit'], { required: true, role: 'attribute' }),
      enumField('hospital_grade', ['医院等级', 'Hospital grade'], ['三级', '二级', '一级及以下']),
      amountField('price', ['价格', 'Price'], '元', { required: true }),
      textField('remarks', ['说明', 'Remarks'], { role: 'attribute' }),
    ],
    primaryKey: ['period', 'city', 'item_kind', 'item_code', 'hospital_grade'],
    missingValues: [''],
  },
};
