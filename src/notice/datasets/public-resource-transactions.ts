import { amountField, cityField, dateField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 二(二) 依法应当公开的公共资源交易 … 成交信息 … 都要在平台上统一发布. Deals are announced
 * one by one on the trading platform; this dataset collects each month's deals.
 */
export const publicResourceTransactions: NoticeDataset = {
  dataset: {
    id: 'public-resource-transactions',
    title: { zh: '公共资源交易成交信息', en: 'Public resource transactions concluded' },
    description: {
      zh: '省公共资源交易平台按月汇总的成交信息：工程建设、政府采购、土地和矿业权、国有产权、药品采购、碳排放权、排污权、林权等交易的项目、成交人、成交金额和成交日期。',
      en: 'Deals concluded on the provincial public resources trading platform each month (construction, government procurement, land and mining rights, state-owned property, medicines, carbon and pollution permits, forest rights): project, winning party, value and date.',
    },
    agencies: ['sx-public-resources', 'sx-development-reform', 'sx-government-services'],
    legalBasis: LEGAL_BASIS,
    clause: '二(二)',
    cadence: 'monthly',
    periodKind: 'month',
    dueRule: { offset: 'P10D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['公共资源配置'],
    tags: ['公共资源交易', '成交信息', '招标投标', '政府采购'],
    disclosure: 'proactive',
    graphqlName: 'publicResourceTransactions',
  },
  schema: {
    fields: [
      periodField('month', { zh: '成交月份', en: 'Month' }),
      textField('project_no', ['项目编号', 'Project number'], { required: true, role: 'dimension' }),
      textField('project_name', ['项目名称', 'Project'], { required: true, role: 'attribute' }),
      enumField(
        'trade_type',
        ['交易类型', 'Type of transaction'],
        [
          '工程建设',
          '政府采购',
          '土地使用权出让',
          '矿业权出让',
          '国有产权交易',
          '药品和医用耗材采购',
          '碳排放权交易',
          '排污权交易',
          '林权交易',
          '其他',
        ],
      ),
      cityField(),
      textField('tenderee', ['招标人（出让人）', 'Tendering party'], { required: true, role: 'attribute' }),
      textField('winner', ['成交人（中标人）', 'Winning party'], { required: true, role: 'attribute' }),
      amountField('amount', ['成交金额', 'Value'], '万元', { required: true }),
      dateField('deal_date', ['成交日期', 'Date concluded'], { required: true }),
    ],
    primaryKey: ['period', 'project_no'],
    missingValues: [''],
  },
};
