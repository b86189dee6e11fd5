import { cityField, countField, enumField, percentField, periodField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 一(二) 按季度公布城市地价动态监测数据. */

export const LAND_PRICE_USES = ['住宅', '商服', '工业'] as const;

export const landPrices: NoticeDataset = {
  dataset: {
    id: 'land-prices',
    title: { zh: '城市地价动态监测', en: 'Urban land price monitoring' },
    description: {
      zh: '按季度公布的各设区的市住宅、商服、工业用地平均地价（元/平方米）及环比增长率。',
      en: 'Quarterly average land prices (yuan per square metre) for residential, commercial and industrial land in each city, with the quarter-on-quarter growth rate.',
    },
    agencies: ['sx-land'],
    legalBasis: LEGAL_BASIS,
    clause: '一(二)',
    cadence: 'quarterly',
    periodKind: 'quarter',
    dueRule: { offset: 'P20D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['国土资源', '房地产'],
    tags: ['地价', '地价监测', '房地产'],
    disclosure: 'proactive',
    graphqlName: 'landPrices',
  },
  schema: {
    fields: [
      periodField('quarter', { zh: '统计季度', en: 'Quarter' }),
      cityField(),
      enumField('land_use', ['用途', 'Land use'], LAND_PRICE_USES),
      countField('avg_price', ['平均地价', 'Average land price'], '元/平方米', { required: true }),
      percentField('growth_rate', ['环比增长率', 'Quarter-on-quarter growth'], {
        description: {
          zh: '与上一季度平均地价相比的增长率，保留两位小数；首个季度无上期数据，为空',
          en: 'Change against the previous quarter’s average price, two decimals; empty for the first quarter',
        },
      }),
    ],
    primaryKey: ['period', 'city', 'land_use'],
    missingValues: [''],
  },
};
