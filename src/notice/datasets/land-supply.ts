import { amountField, cityField, countField, enumField, periodField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 一(二) 按季度公布房地产用地供应数据. */

export const LAND_SUPPLY_USES = [
  '住宅用地',
  '商服用地',
  '工矿仓储用地',
  '公共管理与公共服务用地',
  '交通运输用地',
] as const;

export const landSupply: NoticeDataset = {
  dataset: {
    id: 'land-supply',
    title: { zh: '房地产用地供应', en: 'Real-estate land supply' },
    description: {
      zh: '按季度公布的各设区的市国有建设用地供应情况：按土地用途分列的供应宗数、面积（公顷）和成交价款（万元）。',
      en: 'Quarterly supply of state-owned construction land in each city by land use: number of parcels, area (hectares) and transaction value (10,000 yuan).',
    },
    agencies: ['sx-land', 'sx-housing'],
    legalBasis: LEGAL_BASIS,
    clause: '一(二)',
    cadence: 'quarterly',
    periodKind: 'quarter',
    dueRule: { offset: 'P20D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['国土资源', '房地产'],
    tags: ['土地供应', '房地产', '去库存'],
    disclosure: 'proactive',
    graphqlName: 'landSupply',
  },
  schema: {
    fields: [
      periodField('quarter', { zh: '统计季度', en: 'Quarter' }),
      cityField(),
      enumField('land_use', ['土地用途', 'Land use'], LAND_SUPPLY_USES),
      countField('parcels', ['供应宗数', 'Parcels supplied'], '宗', { required: true }),
      amountField('area', ['供应面积', 'Area supplied'], '公顷', { required: true }),
      amountField('value', ['成交价款', 'Transaction value'], '万元', {
        required: true,
        description: {
          zh: '划拨供应的土地价款较低或为零',
          en: 'Land allocated free of charge has little or no value',
        },
      }),
    ],
    primaryKey: ['period', 'city', 'land_use'],
    missingValues: [''],
  },
};
