import { amountField, percentField, periodField, regionField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 六(三) 及时组织召开季度国民经济运行情况新闻发布会，及时发布解读社会关注的重要指标数据. */
const growth = (name: string, zh: string, en: string) =>
  percentField(name, [zh, en], {
    description: { zh: '按可比价格计算的累计同比增长', en: 'Year-to-date growth at comparable prices' },
  });

export const quarterlyEconomy: NoticeDataset = {
  dataset: {
    id: 'quarterly-economy',
    title: { zh: '季度国民经济运行主要指标', en: 'Main quarterly economic indicators' },
    description: {
      zh: '季度国民经济运行情况新闻发布会发布的全省及各设区的市主要指标（本年累计）：地区生产总值及增速、规模以上工业增加值增速、固定资产投资增速、社会消费品零售总额、居民人均可支配收入和居民消费价格指数。',
      en: 'Main indicators (year to date) released at the quarterly economic press conference for the province and each city: GDP and its growth, growth of industrial value added above designated size, growth of fixed-asset investment, retail sales, per-capita disposable income and consumer price index.',
    },
    agencies: ['sx-statistics'],
    legalBasis: LEGAL_BASIS,
    clause: '六(三)',
    cadence: 'quarterly',
    periodKind: 'quarter',
    dueRule: { offset: 'P25D', time: '10:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['经济运行', '统计'],
    tags: ['国民经济', '地区生产总值', 'GDP', '新闻发布会', '统计数据'],
    disclosure: 'proactive',
    graphqlName: 'quarterlyEconomicIndicators',
  },
  schema: {
    fields: [
      periodField('quarter', { zh: '统计季度', en: 'Quarter' }),
      regionField(),
      amountField('gdp', ['地区生产总值', 'Gross regional product'], '亿元', { required: true }),
      growth('gdp_growth', '地区生产总值增速', 'GDP growth'),
      growth('industry_growth', '规模以上工业增加值增速', 'Growth of industrial value added'),
      growth('investment_growth', '固定资产投资增速', 'Growth of fixed-asset investment'),
      amountField('retail_sales', ['社会消费品零售总额', 'Retail sales of consumer goods'], '亿元'),
      amountField('urban_income', ['城镇居民人均可支配收入', 'Urban per-capita disposable income'], '元'),
      amountField('rural_income', ['农村居民人均可支配收入', 'Rural per-capita disposable income'], '元'),
      amountField('cpi', ['居民消费价格指数', 'Consumer price index'], '上年同期=100', { role: 'attribute' }),
    ],
    primaryKey: ['period', 'region'],
    missingValues: [''],
  },
};
