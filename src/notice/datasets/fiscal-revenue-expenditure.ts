import { amountField, enumField, percentField, periodField, regionField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 六(三) 按月公开全省财政收支情况. */

export const FISCAL_ITEMS = [
  '一般公共预算收入',
  '税收收入',
  '非税收入',
  '一般公共预算支出',
  '政府性基金预算收入',
  '政府性基金预算支出',
] as const;

const amount = (name: string, zh: string, en: string, description?: { zh: string; en: string }) =>
  amountField(name, [zh, en], '亿元', { required: true, ...(description && { description }) });

export const fiscalRevenueExpenditure: NoticeDataset = {
  dataset: {
    id: 'fiscal-revenue-expenditure',
    title: { zh: '全省财政收支', en: 'Provincial fiscal revenue and expenditure' },
    description: {
      zh: '按月公开的全省及各设区的市一般公共预算收支、税收收入、非税收入和政府性基金预算收支：当月数、累计数（亿元）及累计同比增长（%）。全省数含省本级。',
      en: 'Monthly general public budget revenue (tax and non-tax) and expenditure and government fund budget revenue and expenditure for the province and each city: amount for the month, year-to-date total (100 million yuan) and year-on-year growth of the year-to-date total (%). Provincial figures include the provincial level.',
    },
    agencies: ['sx-finance'],
    legalBasis: LEGAL_BASIS,
    clause: '六(三)',
    cadence: 'monthly',
    periodKind: 'month',
    dueRule: { offset: 'P15D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['财政'],
    tags: ['财政收支', '预算', '税收'],
    disclosure: 'proactive',
    // 六(三): the monthly figures are published with an explanation of the changes and causes.
    requiresInterpretation: true,
    graphqlName: 'fiscalRevenueExpenditure',
  },
  schema: {
    fields: [
      periodField('month', { zh: '月份', en: 'Month' }),
      regionField(),
      enumField('item', ['项目', 'Item'], FISCAL_ITEMS, {
        description: {
          zh: '一般公共预算收入 = 税收收入 + 非税收入',
          en: 'General public budget revenue = tax revenue + non-tax revenue',
        },
      }),
      amount('amount', '当月数', 'Amount for the month'),
      amount('cumulative', '累计数', 'Year-to-date total', {
        zh: '自当年1月起累计，每年1月重新起算',
        en: 'Running total since January of the same year',
      }),
      percentField('yoy_growth', ['累计同比增长', 'Year-on-year growth (year to date)'], {
        description: {
          zh: '累计数与上年同期累计数相比的增长率，保留一位小数；2017年无上年数据，为空',
          en: 'Growth of the year-to-date total over the same months of the previous year, one decimal; empty in 2017',
        },
      }),
    ],
    primaryKey: ['period', 'region', 'item'],
    missingValues: [''],
  },
};
