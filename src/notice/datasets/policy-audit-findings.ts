import { amountField, dateField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 六(三) 做好 … 重大政策措施落实情况跟踪审计结果公开，尤其要加大问题典型和整改典型公开力度.
 * Follow-up audits report by quarter; each row is one finding and its rectification.
 */
export const policyAuditFindings: NoticeDataset = {
  dataset: {
    id: 'policy-audit-findings',
    title: { zh: '重大政策措施落实情况跟踪审计结果', en: 'Follow-up audits of major policy implementation' },
    description: {
      zh: '重大政策措施落实情况跟踪审计发现的问题及整改情况，按季度公布：被审计单位、问题类别、问题描述、涉及金额、整改状态和整改结果。',
      en: 'Problems found by the follow-up audits of how major policies are carried out, and their rectification, published quarterly: audited body, kind of problem, description, amount involved, rectification status and result.',
    },
    agencies: ['sx-audit'],
    legalBasis: LEGAL_BASIS,
    clause: '六(三)',
    cadence: 'irregular',
    periodKind: 'quarter',
    dueRule: { offset: 'P2M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['审计监督'],
    tags: ['跟踪审计', '政策落实', '审计结果', '整改'],
    disclosure: 'proactive',
    graphqlName: 'policyAuditFindings',
  },
  schema: {
    fields: [
      periodField('quarter', { zh: '审计季度', en: 'Quarter' }),
      textField('finding_no', ['问题编号', 'Finding number'], { required: true, role: 'dimension' }),
      textField('audited_body', ['被审计单位', 'Audited body'], { required: true, role: 'attribute' }),
      enumField(
        'policy_area',
        ['政策领域', 'Policy area'],
        ['简政放权', '稳增长', '促改革', '调结构', '惠民生', '防风险', '三去一降一补', '其他'],
      ),
      textField('problem', ['问题描述', 'Problem'], { required: true, role: 'attribute' }),
      amountField('amount', ['涉及金额', 'Amount involved'], '万元'),
      enumField('status', ['整改状态', 'Rectification status'], ['已整改', '正在整改', '未整改']),
      textField('rectification', ['整改结果', 'Rectification result'], { role: 'attribute' }),
      dateField('reported_on', ['公告日期', 'Date of the audit report'], { required: true }),
    ],
    primaryKey: ['period', 'finding_no'],
    missingValues: [''],
  },
};
