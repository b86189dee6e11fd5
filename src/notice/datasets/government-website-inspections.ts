import { booleanField, countField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 七(一) 各级政府要开展政府网站季度抽查，及时公开抽查情况，对发现的问题及时整改. */
export const governmentWebsiteInspections: NoticeDataset = {
  dataset: {
    id: 'government-website-inspections',
    title: { zh: '政府网站季度抽查情况', en: 'Quarterly spot checks of government websites' },
    description: {
      zh: '全省政府网站季度抽查结果：网站标识码、网站名称、主办单位、抽查结论、发现的主要问题数和整改情况。',
      en: 'Results of the quarterly spot checks of government websites in Shanxi: site code, site, sponsoring body, verdict, number of main problems found and whether they were fixed.',
    },
    agencies: ['sx-general-office'],
    legalBasis: LEGAL_BASIS,
    clause: '七(一)',
    cadence: 'quarterly',
    periodKind: 'quarter',
    dueRule: { offset: 'P1M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['政务公开', '政府网站'],
    tags: ['政府网站', '季度抽查', '网站普查', '政务公开'],
    disclosure: 'proactive',
    graphqlName: 'governmentWebsiteInspections',
  },
  schema: {
    fields: [
      periodField('quarter', { zh: '抽查季度', en: 'Quarter' }),
      textField('site_code', ['网站标识码', 'Site code'], {
        required: true,
        role: 'dimension',
        constraints: { pattern: '^\\d{4}[0-9A-Z]{6}$' },
      }),
      textField('site_name', ['网站名称', 'Site'], { required: true, role: 'attribute' }),
      textField('sponsor', ['主办单位', 'Sponsoring body'], { required: true, role: 'attribute' }),
      textField('url', ['网址', 'Address'], {
        required: true,
        role: 'attribute',
        constraints: { pattern: '^https?://\\S+$' },
      }),
      enumField('verdict', ['抽查结论', 'Verdict'], ['合格', '不合格']),
      countField('problems', ['发现问题数', 'Problems found'], '个', { required: true }),
      textField('main_problems', ['主要问题', 'Main problems'], { role: 'attribute' }),
      booleanField('rectified', ['是否已整改', 'Fixed']),
    ],
    primaryKey: ['period', 'site_code'],
    missingValues: [''],
  },
};
