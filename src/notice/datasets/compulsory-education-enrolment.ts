import { countField, countyField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 四(一) 县级政府要公开义务教育招生范围、招生条件、学校情况、招生结果等信息. One row per
 * school and stage for the enrolment year; the results arrive by autumn, so the due rule
 * (after the year ends) is a deadline, not the expected date.
 */
export const compulsoryEducationEnrolment: NoticeDataset = {
  dataset: {
    id: 'compulsory-education-enrolment',
    title: { zh: '义务教育招生信息', en: 'Compulsory education enrolment' },
    description: {
      zh: '各县（市、区）公办和民办义务教育学校的年度招生信息：招生范围（学区）、招生条件、招生方式、招生计划、班级数和实际招生人数。',
      en: 'Yearly enrolment at each public and private primary and junior secondary school by county: catchment area, admission conditions, method, planned places, classes and pupils actually enrolled.',
    },
    agencies: ['sx-education'],
    legalBasis: LEGAL_BASIS,
    clause: '四(一)',
    cadence: 'annual',
    periodKind: 'year',
    dueRule: { offset: 'P15D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['教育'],
    tags: ['义务教育', '招生', '划片入学', '学区'],
    disclosure: 'proactive',
    graphqlName: 'compulsoryEducationEnrolments',
  },
  schema: {
    fields: [
      periodField('year', { zh: '招生年度', en: 'Enrolment year' }),
      countyField(),
      textField('school_code', ['学校标识码', 'School code'], {
        required: true,
        role: 'dimension',
        constraints: { pattern: '^\\d{10}$' },
      }),
      textField('school_name', ['学校名称', 'School'], { required: true, role: 'attribute' }),
      enumField('stage', ['学段', 'Stage'], ['小学', '初中']),
      enumField('ownership', ['办学性质', 'Ownership'], ['公办', '民办']),
      textField('catchment', ['招生范围', 'Catchment area'], { role: 'attribute' }),
      textField('conditions', ['招生条件', 'Admission conditions'], { role: 'attribute' }),
      enumField(
        'admission_method',
        ['招生方式', 'Admission method'],
        ['划片就近入学', '对口直升', '电脑随机派位', '其他'],
      ),
      countField('planned', ['招生计划', 'Places planned'], '人', { required: true }),
      countField('classes', ['招生班数', 'Classes'], '个'),
      countField('enrolled', ['实际招生', 'Pupils enrolled'], '人'),
    ],
    primaryKey: ['period', 'school_code', 'stage'],
    missingValues: [''],
  },
};
