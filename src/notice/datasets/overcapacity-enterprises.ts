import {
  amountField,
  cityField,
  countField,
  creditCodeField,
  enumField,
  periodField,
  textField,
} from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 一(一) 分批次向社会公示承担化解过剩产能任务的企业名单，公布企业产能、奖补资金分配 …
 * 验收合格后 … 公告化解过剩产能任务完成情况. One row per enterprise and industry for the
 * year's task: the 公示 batch creates it, the 公告 after acceptance revises it.
 */
export const overcapacityEnterprises: NoticeDataset = {
  dataset: {
    id: 'overcapacity-enterprises',
    title: { zh: '去产能企业名单及完成情况', en: 'Enterprises cutting overcapacity and their progress' },
    description: {
      zh: '承担年度化解煤炭、钢铁等行业过剩产能任务的企业名单：原有产能、化解产能、奖补资金、职工分流安置人数和验收完成情况。分批公示，验收后公告完成情况。',
      en: 'Enterprises assigned a share of the year’s task to cut excess capacity in coal, steel and other industries: capacity before, capacity cut, subsidies, workers resettled and whether the cut passed acceptance. Announced in batches, updated once accepted.',
    },
    agencies: [
      'sx-development-reform',
      'sx-economy-it',
      'sx-coal',
      'sx-finance',
      'sx-land',
      'sx-environment',
      'sx-sasac',
    ],
    legalBasis: LEGAL_BASIS,
    clause: '一(一)',
    cadence: 'irregular',
    periodKind: 'year',
    dueRule: { offset: 'P2M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['工业', '供给侧结构性改革'],
    tags: ['去产能', '煤炭', '钢铁', '三去一降一补', '企业名单'],
    disclosure: 'proactive',
    graphqlName: 'overcapacityEnterprises',
  },
  schema: {
    fields: [
      periodField('year', { zh: '任务年度', en: 'Task year' }),
      creditCodeField(),
      textField('enterprise', ['企业名称', 'Enterprise'], { required: true, role: 'attribute' }),
      cityField(),
      enumField(
        'industry',
        ['行业', 'Industry'],
        ['煤炭', '钢铁', '水泥', '平板玻璃', '焦炭', '电解铝', '其他'],
      ),
      amountField('capacity_before', ['原有产能', 'Capacity before the cut'], '万吨/年'),
      amountField('capacity_cut', ['化解产能', 'Capacity cut'], '万吨/年', { required: true }),
      amountField('subsidy', ['奖补资金', 'Subsidy allocated'], '万元'),
      countField('workers_resettled', ['分流安置职工', 'Workers resettled'], '人'),
      enumField('progress', ['完成情况', 'Progress'], ['公示', '已完成', '未完成'], {
        role: 'attribute',
        description: {
          zh: '公示：列入年度任务；已完成/未完成：验收结果',
          en: '公示: assigned this year; 已完成/未完成: result of the acceptance check',
        },
      }),
    ],
    primaryKey: ['period', 'credit_code', 'industry'],
    missingValues: [''],
  },
};
