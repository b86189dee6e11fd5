import { amountField, enumField, percentField, periodField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 三(四) 公开全省国有及国有控股企业主要经济效益指标、主要行业盈利 … 等情况. */
export const soeEconomicIndicators: NoticeDataset = {
  dataset: {
    id: 'soe-economic-indicators',
    title: { zh: '国有企业主要经济效益指标', en: 'Main economic indicators of state-owned enterprises' },
    description: {
      zh: '按月公布的全省国有及国有控股企业（分省属、市县属）主要行业营业总收入、利润总额、应交税费（本年累计）、资产总额、负债总额和资产负债率。',
      en: 'Monthly operating revenue, total profit and taxes payable (year to date), total assets, total liabilities and debt-to-asset ratio of state-owned and state-controlled enterprises in Shanxi, by level of ownership and main industry.',
    },
    agencies: ['sx-sasac', 'sx-finance'],
    legalBasis: LEGAL_BASIS,
    clause: '三(四)',
    cadence: 'monthly',
    periodKind: 'month',
    dueRule: { offset: 'P25D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['国有资产', '经济运行'],
    tags: ['国有企业', '国资国企改革', '经济效益', '利润'],
    disclosure: 'proactive',
    graphqlName: 'soeEconomicIndicators',
  },
  schema: {
    fields: [
      periodField('month', { zh: '月份', en: 'Month' }),
      enumField('level', ['隶属关系', 'Level of ownership'], ['全省合计', '省属企业', '市县属企业']),
      enumField(
        'industry',
        ['行业', 'Industry'],
        ['合计', '煤炭', '钢铁', '电力', '化工', '建筑', '交通运输', '商贸', '其他'],
      ),
      amountField(
        'operating_revenue',
        ['营业总收入（本年累计）', 'Operating revenue, year to date'],
        '亿元',
        {
          required: true,
        },
      ),
      {
        name: 'total_profit',
        type: 'number',
        title: { zh: '利润总额（本年累计）', en: 'Total profit, year to date' },
        description: { zh: '亏损为负数', en: 'Negative for a loss' },
        unit: '亿元',
        constraints: { required: true },
        role: 'measure',
      },
      amountField('taxes_payable', ['应交税费（本年累计）', 'Taxes payable, year to date'], '亿元'),
      amountField('total_assets', ['资产总额', 'Total assets'], '亿元', { required: true }),
      amountField('total_liabilities', ['负债总额', 'Total liabilities'], '亿元', { required: true }),
      percentField('debt_ratio', ['资产负债率', 'Debt-to-asset ratio'], { constraints: { minimum: 0 } }),
      percentField('revenue_growth', ['营业总收入累计同比增长', 'Operating revenue growth, year on year']),
    ],
    primaryKey: ['period', 'level', 'industry'],
    missingValues: [''],
  },
};
