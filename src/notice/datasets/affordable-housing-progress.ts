import { amountField, cityField, countField, enumField, percentField, periodField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 一(二) 深化棚户区改造 … 农村危房改造 … 进一步做好保障性安居工程相关任务完成情况 … 公开. */
export const affordableHousingProgress: NoticeDataset = {
  dataset: {
    id: 'affordable-housing-progress',
    title: { zh: '保障性安居工程任务完成情况', en: 'Progress of affordable housing projects' },
    description: {
      zh: '按月公布的各设区的市保障性安居工程年度任务完成情况：棚户区改造、公共租赁住房、农村危房改造的年度目标、开工（改造）套数、基本建成套数和完成投资（本年累计）。',
      en: 'Monthly progress of each city on its annual affordable housing targets (shantytown redevelopment, public rental housing, rural dilapidated housing renovation): target, units started, units basically completed and investment (year to date).',
    },
    agencies: ['sx-housing'],
    legalBasis: LEGAL_BASIS,
    clause: '一(二)',
    cadence: 'monthly',
    periodKind: 'month',
    dueRule: { offset: 'P15D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['住房保障', '房地产'],
    tags: ['保障性安居工程', '棚户区改造', '公共租赁住房', '农村危房改造', '去库存'],
    disclosure: 'proactive',
    graphqlName: 'affordableHousingProgress',
  },
  schema: {
    fields: [
      periodField('month', { zh: '月份', en: 'Month' }),
      cityField(),
      enumField('program', ['项目类别', 'Programme'], ['棚户区改造', '公共租赁住房', '农村危房改造']),
      countField('target', ['年度目标任务', 'Annual target'], '套（户）', { required: true }),
      countField('started', ['开工（改造）', 'Started'], '套（户）', { required: true }),
      percentField('started_share', ['开工率', 'Share of target started'], { constraints: { minimum: 0 } }),
      countField('completed', ['基本建成', 'Basically completed'], '套（户）'),
      amountField('investment_ytd', ['完成投资（本年累计）', 'Investment, year to date'], '亿元'),
    ],
    primaryKey: ['period', 'city', 'program'],
    missingValues: [''],
  },
};
