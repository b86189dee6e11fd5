import { amountField, enumField, periodField, regionField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 三(七) 公开本地区政府债务种类、规模、结构和使用、偿还等情况. */
export const governmentDebt: NoticeDataset = {
  dataset: {
    id: 'government-debt',
    title: { zh: '政府债务', en: 'Government debt' },
    description: {
      zh: '全省及各设区的市政府债务年度情况，按一般债务和专项债务分列：债务限额、年末余额、其中政府债券余额、当年新增债务、偿还本金和支付利息（亿元）。',
      en: 'Government debt of the province and each city for the year, general and special-purpose debt separately: debt ceiling, balance at year end, of which government bonds, new debt, principal repaid and interest paid (100 million yuan).',
    },
    agencies: ['sx-finance'],
    legalBasis: LEGAL_BASIS,
    clause: '三(七)',
    cadence: 'annual',
    periodKind: 'year',
    dueRule: { offset: 'P6M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['财政'],
    tags: ['政府债务', '地方政府债券', '债务限额', '财税体制改革'],
    disclosure: 'proactive',
    graphqlName: 'governmentDebt',
  },
  schema: {
    fields: [
      periodField('year', { zh: '年度', en: 'Year' }),
      regionField(),
      enumField('debt_type', ['债务类型', 'Type of debt'], ['一般债务', '专项债务']),
      amountField('ceiling', ['债务限额', 'Debt ceiling'], '亿元', { required: true }),
      amountField('balance', ['年末债务余额', 'Balance at year end'], '亿元', { required: true }),
      amountField('bond_balance', ['其中：政府债券', 'Of which government bonds'], '亿元'),
      amountField('new_debt', ['当年新增债务', 'New debt in the year'], '亿元'),
      amountField('principal_repaid', ['偿还本金', 'Principal repaid'], '亿元'),
      amountField('interest_paid', ['支付利息', 'Interest paid'], '亿元'),
    ],
    primaryKey: ['period', 'region', 'debt_type'],
    missingValues: [''],
  },
};
