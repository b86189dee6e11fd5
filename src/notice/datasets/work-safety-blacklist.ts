import { cityField, creditCodeField, dateField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 五(一) 落实好安全生产不良记录“黑名单”制度，并向社会公布. Entries are published as they
 * are decided; each month's entries and removals form a release.
 */
export const workSafetyBlacklist: NoticeDataset = {
  dataset: {
    id: 'work-safety-blacklist',
    title: { zh: '安全生产不良记录“黑名单”', en: 'Work safety blacklist' },
    description: {
      zh: '纳入或移出安全生产不良记录“黑名单”的生产经营单位，按月公布：单位名称、行业、纳入事由、纳入日期、管理期限和惩戒措施。',
      en: 'Businesses added to or removed from the work safety bad-record blacklist, published monthly: name, industry, reason, date listed, listing period and sanctions.',
    },
    agencies: ['sx-work-safety'],
    legalBasis: LEGAL_BASIS,
    clause: '五(一)',
    cadence: 'irregular',
    periodKind: 'month',
    dueRule: { offset: 'P10D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['安全生产'],
    tags: ['黑名单', '安全生产', '不良记录', '联合惩戒'],
    disclosure: 'proactive',
    graphqlName: 'workSafetyBlacklistEntries',
  },
  schema: {
    fields: [
      periodField('month', { zh: '公布月份', en: 'Month' }),
      creditCodeField(),
      enumField('change', ['变动', 'Change'], ['纳入', '移出']),
      textField('entity_name', ['单位名称', 'Business'], { required: true, role: 'attribute' }),
      cityField(),
      enumField(
        'industry',
        ['行业', 'Industry'],
        ['煤矿', '非煤矿山', '危险化学品', '烟花爆竹', '冶金', '建筑施工', '道路运输', '其他'],
      ),
      textField('reason', ['纳入事由', 'Reason'], { required: true, role: 'attribute' }),
      dateField('listed_on', ['纳入日期', 'Date listed'], { required: true }),
      dateField('listed_until', ['管理期限至', 'Listed until']),
      textField('sanctions', ['惩戒措施', 'Sanctions'], { role: 'attribute' }),
    ],
    primaryKey: ['period', 'credit_code', 'change'],
    missingValues: [''],
  },
};
