import { amountField, countField, countyField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 一(四) 扶贫资金项目安排 … 贫困县要公开统筹整合使用的涉农资金来源、用途和项目建设等情况.
 * One row per project of the year's plan, with its funding and the people it helps.
 */
export const povertyAlleviationProjects: NoticeDataset = {
  dataset: {
    id: 'poverty-alleviation-projects',
    title: { zh: '扶贫资金项目安排', en: 'Poverty alleviation funds and projects' },
    description: {
      zh: '贫困县年度扶贫项目及统筹整合使用的涉农资金：项目名称、类型、建设地点、资金来源、投入金额、受益贫困人口和实施进度。',
      en: 'Poverty alleviation projects of each poor county for the year and the agricultural funds pooled for them: project, type, location, source of funds, amount, poor people benefiting and progress.',
    },
    agencies: ['sx-poverty-alleviation', 'sx-finance'],
    legalBasis: LEGAL_BASIS,
    clause: '一(四)',
    cadence: 'annual',
    periodKind: 'year',
    dueRule: { offset: 'P2M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['扶贫', '财政'],
    tags: ['精准扶贫', '扶贫资金', '涉农资金', '扶贫项目'],
    disclosure: 'proactive',
    graphqlName: 'povertyAlleviationProjects',
  },
  schema: {
    fields: [
      periodField('year', { zh: '年度', en: 'Year' }),
      countyField(),
      textField('project_no', ['项目编号', 'Project number'], { required: true, role: 'dimension' }),
      textField('project_name', ['项目名称', 'Project'], { required: true, role: 'attribute' }),
      enumField(
        'project_type',
        ['项目类型', 'Project type'],
        ['产业扶贫', '易地扶贫搬迁', '基础设施', '教育扶贫', '健康扶贫', '生态扶贫', '金融扶贫', '其他'],
      ),
      textField('location', ['建设地点', 'Location'], { role: 'attribute' }),
      enumField(
        'fund_source',
        ['资金来源', 'Source of funds'],
        ['中央财政专项扶贫资金', '省级财政专项扶贫资金', '市县财政资金', '统筹整合涉农资金', '其他资金'],
      ),
      amountField('amount', ['投入资金', 'Funds'], '万元', { required: true }),
      countField('beneficiaries', ['受益贫困人口', 'Poor people benefiting'], '人'),
      enumField('progress', ['实施进度', 'Progress'], ['未开工', '在建', '已完工'], { role: 'attribute' }),
    ],
    primaryKey: ['period', 'county', 'project_no', 'fund_source'],
    missingValues: [''],
  },
};
