import { enumField, percentField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 三(六) 各级政府要汇总形成并统一公布本级随机抽查事项清单，明确抽查依据、主体、内容、方式等.
 * The list of the year; changes during the year are revisions with a reason.
 */
export const randomInspectionItems: NoticeDataset = {
  dataset: {
    id: 'random-inspection-items',
    title: { zh: '随机抽查事项清单', en: 'List of random inspection items' },
    description: {
      zh: '“双随机、一公开”监管的省级随机抽查事项清单：抽查主体、事项名称、抽查依据、抽查对象、抽查内容、抽查方式和抽查比例。',
      en: 'Provincial list of items subject to random inspection (“double random, one public” supervision): inspecting department, item, legal basis, who is inspected, what is checked, how, and the share of targets drawn.',
    },
    agencies: ['sx-industry-commerce', 'sx-approval-reform'],
    legalBasis: LEGAL_BASIS,
    clause: '三(六)',
    cadence: 'irregular',
    periodKind: 'year',
    dueRule: { offset: 'P15D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['市场监管', '放管服'],
    tags: ['双随机一公开', '随机抽查', '事项清单', '放管服'],
    disclosure: 'proactive',
    graphqlName: 'randomInspectionItems',
  },
  schema: {
    fields: [
      periodField('year', { zh: '清单年度', en: 'Year of the list' }),
      textField('item_code', ['事项编码', 'Item code'], { required: true, role: 'dimension' }),
      textField('department', ['抽查主体', 'Inspecting department'], { required: true, role: 'dimension' }),
      textField('item_name', ['抽查事项', 'Item'], { required: true, role: 'attribute' }),
      textField('basis', ['抽查依据', 'Legal basis'], { required: true, role: 'attribute' }),
      textField('targets', ['抽查对象', 'Who is inspected'], { required: true, role: 'attribute' }),
      textField('content', ['抽查内容', 'What is checked'], { role: 'attribute' }),
      enumField('method', ['抽查方式', 'Method'], ['书面检查', '实地核查', '网络监测', '抽样检测', '其他']),
      percentField('sampling_share', ['抽查比例', 'Share of targets drawn'], {
        constraints: { minimum: 0, maximum: 100 },
      }),
    ],
    primaryKey: ['period', 'item_code'],
    missingValues: [''],
  },
};
