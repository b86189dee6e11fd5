import { enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 三(六) 进一步加强权责清单公开工作，根据权责事项取消、下放、承接情况进行动态调整.
 * The list in force per year; each adjustment is a revision with its reason.
 */
export const powerResponsibilityList: NoticeDataset = {
  dataset: {
    id: 'power-responsibility-list',
    title: { zh: '省级部门权责清单', en: 'Powers and responsibilities of provincial departments' },
    description: {
      zh: '省级部门行使的行政职权及对应责任事项：职权类别、实施依据、责任事项，以及取消、下放、承接等动态调整情况。',
      en: 'Administrative powers exercised by provincial departments and the responsibilities attached: type of power, legal basis, responsibilities and whether it was kept, cancelled, delegated or taken over.',
    },
    agencies: ['sx-approval-reform'],
    legalBasis: LEGAL_BASIS,
    clause: '三(六)',
    cadence: 'irregular',
    periodKind: 'year',
    dueRule: { offset: 'P15D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['放管服', '行政权力'],
    tags: ['权责清单', '权力清单', '责任清单', '放管服', '清单'],
    disclosure: 'proactive',
    graphqlName: 'powerResponsibilityItems',
  },
  schema: {
    fields: [
      periodField('year', { zh: '清单年度', en: 'Year of the list' }),
      textField('item_code', ['事项编码', 'Item code'], { required: true, role: 'dimension' }),
      textField('department', ['实施部门', 'Department'], { required: true, role: 'dimension' }),
      textField('item_name', ['职权名称', 'Power'], { required: true, role: 'attribute' }),
      enumField(
        'power_type',
        ['职权类别', 'Type of power'],
        [
          '行政许可',
          '行政处罚',
          '行政强制',
          '行政征收',
          '行政给付',
          '行政检查',
          '行政确认',
          '行政奖励',
          '行政裁决',
          '其他行政权力',
        ],
      ),
      textField('basis', ['实施依据', 'Legal basis'], { required: true, role: 'attribute' }),
      textField('responsibilities', ['责任事项', 'Responsibilities'], { role: 'attribute' }),
      enumField('adjustment', ['调整情况', 'Adjustment'], ['保留', '新增', '取消', '下放', '承接'], {
        role: 'attribute',
      }),
    ],
    primaryKey: ['period', 'item_code'],
    missingValues: [''],
  },
};
