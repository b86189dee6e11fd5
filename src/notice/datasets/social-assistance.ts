import { amountField, countField, enumField, periodField, regionField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 四(五) 进一步做好城乡低保、特困人员救助供养、医疗救助、临时救助等信息公开工作.
 * Aggregates only: who receives assistance is personal information and is not published.
 */
export const socialAssistance: NoticeDataset = {
  dataset: {
    id: 'social-assistance',
    title: { zh: '城乡低保等社会救助', en: 'Minimum living allowance and other social assistance' },
    description: {
      zh: '按季度公布的全省及各设区的市城乡最低生活保障、特困人员救助供养、医疗救助和临时救助情况：救助户数、人数、资金支出（本年累计）和平均保障标准。',
      en: 'Quarterly urban and rural minimum living allowance (dibao), support for people in extreme poverty, medical and temporary assistance in the province and each city: households, people, spending (year to date) and average benefit standard.',
    },
    agencies: ['sx-civil-affairs'],
    legalBasis: LEGAL_BASIS,
    clause: '四(五)',
    cadence: 'quarterly',
    periodKind: 'quarter',
    dueRule: { offset: 'P1M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['社会保障', '民政'],
    tags: ['低保', '社会救助', '特困供养', '医疗救助', '临时救助'],
    disclosure: 'proactive',
    graphqlName: 'socialAssistanceFigures',
  },
  schema: {
    fields: [
      periodField('quarter', { zh: '统计季度', en: 'Quarter' }),
      regionField(),
      enumField(
        'program',
        ['救助项目', 'Programme'],
        ['城市最低生活保障', '农村最低生活保障', '特困人员救助供养', '医疗救助', '临时救助'],
      ),
      countField('households', ['救助户数', 'Households'], '户'),
      countField('people', ['救助人数', 'People'], '人（人次）', {
        required: true,
        description: {
          zh: '低保、特困为期末人数；医疗救助、临时救助为本年累计人次',
          en: 'People at the end of the quarter for dibao and extreme poverty support; person-times so far this year for medical and temporary assistance',
        },
      }),
      amountField('spending_ytd', ['救助资金支出（本年累计）', 'Spending, year to date'], '万元', {
        required: true,
      }),
      amountField('avg_standard', ['平均保障标准', 'Average benefit standard'], '元/人·月', {
        description: { zh: '仅低保和特困供养', en: 'Dibao and extreme poverty support only' },
        role: 'attribute',
      }),
    ],
    primaryKey: ['period', 'region', 'program'],
    missingValues: [''],
  },
};
