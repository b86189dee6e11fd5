import { booleanField, countField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 三(六) 年内完成政务服务事项目录编制工作，通过本级政府门户网站集中全面公开. */
export const governmentServiceCatalogue: NoticeDataset = {
  dataset: {
    id: 'government-service-catalogue',
    title: { zh: '政务服务事项目录', en: 'Catalogue of government services' },
    description: {
      zh: '省级政务服务事项目录：事项名称、实施部门、事项类型、服务对象、法定和承诺办结时限、是否可网上办理和到现场次数。',
      en: 'Catalogue of provincial government services: service, department, type, who it serves, statutory and promised time limits, whether it can be done online and how many visits in person it needs.',
    },
    agencies: ['sx-government-services', 'sx-approval-reform'],
    legalBasis: LEGAL_BASIS,
    clause: '三(六)',
    cadence: 'irregular',
    periodKind: 'year',
    dueRule: { offset: 'P15D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['政务服务', '放管服'],
    tags: ['政务服务', '事项目录', '互联网+政务服务', '放管服'],
    disclosure: 'proactive',
    graphqlName: 'governmentServices',
  },
  schema: {
    fields: [
      periodField('year', { zh: '目录年度', en: 'Year of the catalogue' }),
      textField('service_code', ['事项编码', 'Service code'], { required: true, role: 'dimension' }),
      textField('service_name', ['事项名称', 'Service'], { required: true, role: 'attribute' }),
      textField('department', ['实施部门', 'Department'], { required: true, role: 'dimension' }),
      enumField(
        'service_type',
        ['事项类型', 'Type'],
        ['行政许可', '行政确认', '行政给付', '行政奖励', '行政裁决', '公共服务', '其他'],
      ),
      enumField('audience', ['服务对象', 'Who it serves'], ['自然人', '法人', '自然人和法人']),
      countField('statutory_days', ['法定办结时限', 'Statutory time limit'], '工作日'),
      countField('promised_days', ['承诺办结时限', 'Promised time limit'], '工作日'),
      booleanField('online', ['可网上办理', 'Available online'], { required: true }),
      countField('visits', ['到现场次数', 'Visits in person'], '次'),
    ],
    primaryKey: ['period', 'service_code'],
    missingValues: [''],
  },
};
