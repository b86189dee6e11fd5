import { amountField, cityField, enumField, periodField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 三(五) 收购旺季每五日发布主产区收购进度信息. */

export const GRAIN_TYPES = ['玉米', '小麦', '稻谷', '大豆', '谷子'] as const;

export const grainPurchase: NoticeDataset = {
  dataset: {
    id: 'grain-purchase',
    title: { zh: '粮食收购进度', en: 'Grain purchase progress' },
    description: {
      zh: '收购旺季（10月至次年3月）每五日（一候）发布的主产区各品种粮食收购量及本收购季累计收购量（万吨）。',
      en: 'Grain purchased in each city by grain type, published every five days (pentad) during the purchase season (October to March), with the total since the start of the season (10,000 tonnes).',
    },
    agencies: ['sx-grain'],
    legalBasis: LEGAL_BASIS,
    clause: '三(五)',
    cadence: 'pentad',
    periodKind: 'pentad',
    season: { startMonth: 10, endMonth: 3 },
    dueRule: { offset: 'P1D', time: '10:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['农业', '粮食'],
    tags: ['粮食', '收购', '秋粮'],
    disclosure: 'proactive',
    graphqlName: 'grainPurchaseProgress',
  },
  schema: {
    fields: [
      periodField('pentad', { zh: '统计候', en: 'Pentad' }),
      enumField('grain', ['粮食品种', 'Grain'], GRAIN_TYPES),
      cityField(),
      amountField('purchased_pentad', ['本候收购量', 'Purchased in the pentad'], '万吨', { required: true }),
      amountField('purchased_cumulative', ['本季累计收购量', 'Purchased since the season began'], '万吨', {
        required: true,
        description: {
          zh: '自本收购季10月1日起累计，每年10月第1候重新起算；不宜跨期求和',
          en: 'Running total since 1 October of the current purchase season, restarting each October; do not sum across periods',
        },
      }),
    ],
    primaryKey: ['period', 'grain', 'city'],
    missingValues: [''],
  },
};
