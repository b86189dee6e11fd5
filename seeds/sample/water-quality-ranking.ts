import type { DatasetInput } from '../../src/catalog/types';
import { parsePeriod, periodRange } from '../../src/periods';
import type { TableSchema } from '../../src/schemas/types';
import {
  centsText,
  cityField,
  LEGAL_BASIS,
  periodField,
  planReleases,
  SAMPLE_LICENCE,
  sampleDescription,
} from './common';
import { noise, rngFor } from './random';
import { CITIES } from './regions';
import type { SampleDataset } from './types';

const ID = 'water-quality-ranking';
const FIRST = '2017';
const LAST = '2025';

/** The notice asks for the best and worst cities to be named each year; three of each here. */
export const FLAG_BEST = '最好';
export const FLAG_WORST = '最差';
const FLAGGED = 3;

/** Starting CWQI by city: cities on the lower Fen River score worse (higher) than the mountain cities. */
const BASE_CWQI: Readonly<Record<string, number>> = {
  '140100': 7.4,
  '140200': 5.8,
  '140300': 5.3,
  '140400': 4.8,
  '140500': 4.2,
  '140600': 6.1,
  '140700': 7,
  '140800': 8.3,
  '140900': 5,
  '141000': 7.9,
  '141100': 6.8,
};

const dataset: DatasetInput = {
  id: ID,
  title: { zh: '城市水环境质量排名', en: 'City water environment quality ranking' },
  description: sampleDescription(
    '各设区的市年度城市水质指数（CWQI）及排名，指数越小水质越好；排名前三位标注“最好”，后三位标注“最差”。',
    'Annual City Water Quality Index (CWQI) and ranking of the 11 cities; a lower index means better water. The top three are flagged 最好 (best) and the bottom three 最差 (worst).',
  ),
  agencies: ['sx-environment'],
  legalBasis: LEGAL_BASIS,
  clause: '四(四)',
  cadence: 'annual',
  periodKind: 'year',
  dueRule: { offset: 'P90D', time: '09:00' },
  firstPeriod: FIRST,
  licence: SAMPLE_LICENCE,
  themes: ['生态环境'],
  tags: ['水环境', '水质', '排名', '示例数据'],
  disclosure: 'proactive',
  isSample: true,
  graphqlName: 'waterQualityRankings',
};

const schema: TableSchema = {
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
    {
      name: 'flag',
      type: 'string',
      title: { zh: '最好/最差标注', en: 'Best/worst flag' },
      description: {
        zh: '排名前三位为“最好”，后三位为“最差”，其余为空',
        en: '最好 (best) for ranks 1–3, 最差 (worst) for the last three ranks, empty otherwise',
      },
      constraints: { enum: [FLAG_BEST, FLAG_WORST] },
      role: 'attribute',
    },
  ],
  primaryKey: ['period', 'city'],
  missingValues: [''],
};

function* releases() {
  const years = periodRange(parsePeriod(FIRST, 'year'), parsePeriod(LAST, 'year'));
  yield* planReleases({ datasetId: ID, dueRule: dataset.dueRule, periods: years }, (y, text) => {
    const rng = rngFor(ID, 'rows', text);
    const improvement = Math.max(0.6, 1 - 0.035 * (y.year - 2017));
    const scored = CITIES.map((city) => ({
      city: city.code,
      cents: Math.round((BASE_CWQI[city.code] ?? 6) * improvement * (1 + 0.08 * noise(rng)) * 100),
    })).sort((a, b) => a.cents - b.cents || (a.city < b.city ? -1 : 1));
    // Published indexes have two decimals; keep them strictly increasing so ranks are unambiguous.
    for (let i = 1; i < scored.length; i++) {
      const prev = scored[i - 1];
      const cur = scored[i];
      if (prev && cur && cur.cents <= prev.cents) cur.cents = prev.cents + 1;
    }
    return scored.map((s, i) => ({
      period: text,
      city: s.city,
      rank: String(i + 1),
      index: centsText(s.cents),
      flag: i < FLAGGED ? FLAG_BEST : i >= scored.length - FLAGGED ? FLAG_WORST : '',
    }));
  });
}

export const waterQualityRanking: SampleDataset = { dataset, schema, releases };
