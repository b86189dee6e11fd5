import { amountField, enumField, percentField, periodField, regionField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 四(六) 定期发布消费市场运行情况分析报告: the figures behind each month's report. */
export const consumerMarket: NoticeDataset = {
  dataset: {
    id: 'consumer-market',
    title: { zh: '消费市场运行情况', en: 'Consumer market' },
    description: {
      zh: '按月公布的全省及各设区的市社会消费品零售总额及其构成（城镇、乡村、商品零售、餐饮收入、网上零售）：当月数、累计数（亿元）和同比增长（%）。',
      en: 'Monthly retail sales of consumer goods in the province and each city, with their parts (urban, rural, goods, catering, online): amount for the month, year to date (100 million yuan) and year-on-year growth (%).',
    },
    agencies: ['sx-commerce'],
    legalBasis: LEGAL_BASIS,
    clause: '四(六)',
    cadence: 'monthly',
    periodKind: 'month',
    dueRule: { offset: 'P20D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['商贸', '经济运行'],
    tags: ['消费市场', '社会消费品零售总额', '消费升级', '网上零售'],
    disclosure: 'proactive',
    graphqlName: 'consumerMarketIndicators',
  },
  schema: {
    fields: [
      periodField('month', { zh: '月份', en: 'Month' }),
      regionField(),
      enumField(
        'indicator',
        ['指标', 'Indicator'],
        ['社会消费品零售总额', '城镇消费品零售额', '乡村消费品零售额', '商品零售', '餐饮收入', '网上零售额'],
      ),
      amountField('amount', ['当月数', 'Amount for the month'], '亿元'),
      amountField('cumulative', ['累计数', 'Year to date'], '亿元', { required: true }),
      percentField('yoy_growth', ['当月同比增长', 'Growth on the same month last year']),
      percentField('ytd_growth', ['累计同比增长', 'Growth year to date']),
    ],
    primaryKey: ['period', 'region', 'indicator'],
    missingValues: [''],
  },
};
