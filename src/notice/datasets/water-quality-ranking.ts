import { cityField, periodField, textField } from '../fields';
import { CITIES } from '../regions';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 四(四) 开展城市水环境质量排名工作，每年公布水质最好和最差的城市名单. */

export const FLAG_BEST = '最好';
export const FLAG_WORST = '最差';
/** How many cities are named at each end of the ranking. */
export const FLAGGED_CITIES = 3;

export const waterQualityRanking: NoticeDataset = {
  dataset: {
    id: 'water-quality-ranking',
    title: { zh: '城市水环境质量排名', en: 'City water environment quality ranking' },
    description: {
      zh: '各设区的市年度城市水质指数（CWQI）及排名，指数越小水质越好；排名前三位标注“最好”，后三位标注“最差”。',
      en: 'Annual City Water Quality Index (CWQI) and ranking of the 11 cities; a lower index means better water. The top three are flagged 最好 (best) and the bottom three 最差 (worst).',
    },
    agencies: ['sx-environment'],
    legalBasis: LEGAL_BASIS,
    clause: '四(四)',
    cadence: 'annual',
    periodKind: 'year',
    dueRule: { offset: 'P90D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['生态环境'],
    tags: ['水环境', '水质', '排名'],
    disclosure: 'proactive',
    graphqlName: 'waterQualityRankings',
  },
  schema: {
    fields: [
      periodField('year', { zh: '年度', en: 'Year' }),
      cityField(),
      {
        name: 'rank',
        type: 'integer',
        title: { zh: '排名', en: 'Rank' },
        description: {
          zh: '按城市水质指数由小到大排序，1 为最好',
          en: 'Ordered by CWQI ascending; 1 is the best',
        },
        constraints: { required: true, minimum: 1, maximum: CITIES.length },
        role: 'attribute',
      },
      {
        name: 'index',
        type: 'number',
        title: { zh: '城市水质指数', en: 'City Water Quality Index (CWQI)' },
        description: { zh: '数值越小水质越好', en: 'Lower is better' },
        constraints: { required: true, minimum: 0 },
        role: 'measure',
      },
      textField('flag', ['最好/最差标注', 'Best/worst flag'], {
        description: {
          zh: '排名前三位为“最好”，后三位为“最差”，其余为空',
          en: '最好 (best) for ranks 1–3, 最差 (worst) for the last three ranks, empty otherwise',
        },
        constraints: { enum: [FLAG_BEST, FLAG_WORST] },
        role: 'attribute',
      }),
    ],
    primaryKey: ['period', 'city'],
    missingValues: [''],
  },
};
