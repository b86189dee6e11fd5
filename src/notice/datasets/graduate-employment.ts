import { countField, enumField, percentField, periodField, textField, urlField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 四(一) 继续推进毕业生就业质量年度报告 … 公开: the key figures of each report. */
export const graduateEmployment: NoticeDataset = {
  dataset: {
    id: 'graduate-employment',
    title: { zh: '高校毕业生就业质量', en: 'Graduate employment of higher education institutions' },
    description: {
      zh: '各高校毕业生就业质量年度报告的主要指标：按学历层次分列的毕业生人数、初次就业率、升学人数、省内就业比例和报告网址。',
      en: 'Key figures of each higher education institution’s annual graduate employment report by level of study: graduates, initial employment rate, graduates continuing their studies, share employed in Shanxi and the report’s address.',
    },
    agencies: ['sx-education'],
    legalBasis: LEGAL_BASIS,
    clause: '四(一)',
    cadence: 'annual',
    periodKind: 'year',
    dueRule: { offset: 'P0D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['教育', '就业'],
    tags: ['高校毕业生', '就业质量', '年度报告', '就业率'],
    disclosure: 'proactive',
    graphqlName: 'graduateEmploymentReports',
  },
  schema: {
    fields: [
      periodField('year', { zh: '毕业年度', en: 'Year of graduation' }),
      textField('institution_code', ['学校代码', 'Institution code'], {
        required: true,
        role: 'dimension',
        constraints: { pattern: '^\\d{5}$' },
      }),
      textField('institution', ['学校名称', 'Institution'], { required: true, role: 'attribute' }),
      enumField('level', ['学历层次', 'Level of study'], ['专科', '本科', '硕士研究生', '博士研究生']),
      countField('graduates', ['毕业生人数', 'Graduates'], '人', { required: true }),
      percentField('employment_rate', ['初次就业率', 'Initial employment rate'], {
        constraints: { minimum: 0, maximum: 100 },
      }),
      countField('further_study', ['升学人数', 'Continuing their studies'], '人'),
      percentField('in_province_share', ['省内就业比例', 'Share employed in Shanxi'], {
        constraints: { minimum: 0, maximum: 100 },
      }),
      urlField('report_url', ['报告网址', 'Report address']),
    ],
    primaryKey: ['period', 'institution_code', 'level'],
    missingValues: [''],
  },
};
