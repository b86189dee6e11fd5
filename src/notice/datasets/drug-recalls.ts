import { cityField, dateField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 四(三) 及时公布召回产品、停产整顿、收回或撤销证书等情况. */
export const drugRecalls: NoticeDataset = {
  dataset: {
    id: 'drug-recalls',
    title: { zh: '药品召回及撤证信息', en: 'Drug recalls and revoked certificates' },
    description: {
      zh: '药品监督检查发现问题后的处理结果，按月汇总：召回产品、停产整顿、收回或撤销GMP/GSP等证书的企业、产品、批准文号、批号、原因和日期。',
      en: 'Outcomes of drug inspections, collected monthly: recalled products, production suspended for rectification, GMP/GSP and other certificates withdrawn or revoked — the enterprise, product, approval and batch numbers, reason and date.',
    },
    agencies: ['sx-food-drug'],
    legalBasis: LEGAL_BASIS,
    clause: '四(三)',
    cadence: 'irregular',
    periodKind: 'month',
    dueRule: { offset: 'P10D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['食品药品安全'],
    tags: ['药品召回', '撤销证书', '停产整顿', '药品监督检查'],
    disclosure: 'proactive',
    graphqlName: 'drugRecallNotices',
  },
  schema: {
    fields: [
      periodField('month', { zh: '公告月份', en: 'Month' }),
      textField('notice_no', ['公告编号', 'Notice number'], { required: true, role: 'dimension' }),
      enumField('action', ['处理措施', 'Action'], ['召回', '停产整顿', '收回证书', '撤销证书']),
      textField('enterprise', ['企业名称', 'Enterprise'], { required: true, role: 'attribute' }),
      cityField(),
      textField('product', ['产品名称', 'Product'], {
        role: 'attribute',
        description: {
          zh: '收回或撤销证书时可为空',
          en: 'May be empty when a certificate is withdrawn or revoked',
        },
      }),
      textField('approval_no', ['批准文号或证书编号', 'Approval or certificate number'], {
        role: 'attribute',
      }),
      textField('batch_no', ['批号', 'Batch number'], { role: 'attribute' }),
      enumField('recall_level', ['召回级别', 'Recall class'], ['一级', '二级', '三级'], {
        required: false,
        role: 'attribute',
        description: { zh: '仅召回时填写', en: 'Only for recalls' },
      }),
      textField('reason', ['原因', 'Reason'], { required: true, role: 'attribute' }),
      dateField('action_date', ['决定日期', 'Date of decision'], { required: true }),
    ],
    primaryKey: ['period', 'notice_no'],
    missingValues: [''],
  },
};
