import { amountField, enumField, periodField, regionField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 一(三) 定期公布参加社会保险情况和社保基金运行情况. */
export const socialInsurance: NoticeDataset = {
  dataset: {
    id: 'social-insurance',
    title: { zh: '社会保险参保和社保基金运行情况', en: 'Social insurance coverage and funds' },
    description: {
      zh: '按季度公布的全省及各设区的市各项社会保险参保人数、基金收入、基金支出（本年累计）和累计结余。',
      en: 'Quarterly number of insured people, fund revenue and expenditure (year to date) and accumulated balance of each social insurance scheme, for the province and each city.',
    },
    agencies: ['sx-human-resources', 'sx-finance', 'sx-local-tax'],
    legalBasis: LEGAL_BASIS,
    clause: '一(三)',
    cadence: 'quarterly',
    periodKind: 'quarter',
    dueRule: { offset: 'P1M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['社会保障'],
    tags: ['社会保险', '参保', '社保基金', '养老保险', '医疗保险'],
    disclosure: 'proactive',
    graphqlName: 'socialInsuranceFunds',
  },
  schema: {
    fields: [
      periodField('quarter', { zh: '统计季度', en: 'Quarter' }),
      regionField(),
      enumField(
        'scheme',
        ['险种', 'Scheme'],
        [
          '企业职工基本养老保险',
          '机关事业单位基本养老保险',
          '城乡居民基本养老保险',
          '职工基本医疗保险',
          '城乡居民基本医疗保险',
          '失业保险',
          '工伤保险',
          '生育保险',
        ],
      ),
      amountField('insured', ['参保人数', 'Insured people'], '万人', { required: true }),
      amountField('revenue_ytd', ['基金收入（本年累计）', 'Fund revenue, year to date'], '亿元', {
        required: true,
      }),
      amountField('expenditure_ytd', ['基金支出（本年累计）', 'Fund expenditure, year to date'], '亿元', {
        required: true,
      }),
      {
        name: 'balance',
        type: 'number',
        title: { zh: '累计结余', en: 'Accumulated balance' },
        description: { zh: '期末滚存结余，可为负', en: 'Balance at the end of the quarter; may be negative' },
        unit: '亿元',
        role: 'measure',
      },
    ],
    primaryKey: ['period', 'region', 'scheme'],
    missingValues: [''],
  },
};
