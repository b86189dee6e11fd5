import { amountField, cityField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 二(三) 全面公开PPP … 项目进展 … 社会资本参与方式、项目合同和回报机制. */
export const pppProjects: NoticeDataset = {
  dataset: {
    id: 'ppp-projects',
    title: { zh: 'PPP项目信息', en: 'Public-private partnership (PPP) projects' },
    description: {
      zh: '按季度公布的全省政府和社会资本合作（PPP）项目库：项目所处阶段、行业、总投资、运作方式、回报机制和社会资本方。',
      en: 'Quarterly snapshot of the provincial public-private partnership (PPP) project library: stage, sector, total investment, operating model, return mechanism and private partner.',
    },
    agencies: ['sx-finance', 'sx-development-reform'],
    legalBasis: LEGAL_BASIS,
    clause: '二(三)',
    cadence: 'quarterly',
    periodKind: 'quarter',
    dueRule: { offset: 'P1M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['投资', '财政'],
    tags: ['PPP', '政府和社会资本合作', '项目库'],
    disclosure: 'proactive',
    graphqlName: 'pppProjects',
  },
  schema: {
    fields: [
      periodField('quarter', { zh: '统计季度', en: 'Quarter' }),
      textField('project_code', ['项目编码', 'Project code'], { required: true, role: 'dimension' }),
      textField('project_name', ['项目名称', 'Project'], { required: true, role: 'attribute' }),
      cityField(),
      enumField(
        'sector',
        ['所属行业', 'Sector'],
        [
          '市政工程',
          '交通运输',
          '生态建设和环境保护',
          '水利建设',
          '城镇综合开发',
          '保障性安居工程',
          '教育',
          '医疗卫生',
          '文化',
          '旅游',
          '其他',
        ],
      ),
      amountField('total_investment', ['项目总投资', 'Total investment'], '万元', { required: true }),
      enumField('stage', ['项目阶段', 'Stage'], ['识别', '准备', '采购', '执行', '移交']),
      enumField(
        'operation_mode',
        ['运作方式', 'Operating model'],
        ['BOT', 'BOO', 'TOT', 'ROT', 'O&M', 'MC', '其他'],
        {
          role: 'attribute',
        },
      ),
      enumField(
        'return_mechanism',
        ['回报机制', 'Return mechanism'],
        ['使用者付费', '可行性缺口补助', '政府付费'],
      ),
      textField('private_partner', ['社会资本方', 'Private partner'], {
        role: 'attribute',
        description: { zh: '采购完成前为空', en: 'Empty until procurement is complete' },
      }),
    ],
    primaryKey: ['period', 'project_code'],
    missingValues: [''],
  },
};
