import type { DatasetInput } from '../../src/catalog/types';
import { parsePeriod, periodRange } from '../../src/periods';
import type { TableSchema } from '../../src/schemas/types';
import {
  cityField,
  growthPercent,
  LEGAL_BASIS,
  periodField,
  planReleases,
  SAMPLE_LICENCE,
  sampleDescription,
} from './common';
import { noise, rngFor } from './random';
import { CITIES } from './regions';
import type { SampleDataset } from './types';

const ID = 'land-prices';
const FIRST = '2017-Q1';
const LAST = '2026-Q3';

interface Use {
  name: string;
  /** Taiyuan's average land price in 2017-Q1 (元/m²). */
  base: number;
  /** Quarter-on-quarter drift by calendar year (2017 = index 0). */
  drift: readonly number[];
}

const USES: readonly Use[] = [
  {
    name: '住宅',
    base: 5200,
    drift: [0.015, 0.016, 0.012, 0.005, 0.008, -0.004, -0.006, -0.006, -0.002, -0.001],
  },
  { name: '商服', base: 6800, drift: [0.008, 0.008, 0.006, 0, 0, -0.008, -0.009, -0.009, -0.004, -0.003] },
  { name: '工业', base: 560, drift: [0.006, 0.006, 0.006, 0.006, 0.006, 0.005, 0.005, 0.003, 0.003, 0.003] },
];

const dataset: DatasetInput = {
  id: ID,
  title: { zh: '城市地价动态监测', en: 'Urban land price monitoring' },
  description: sampleDescription(
    '按季度公布的各设区的市住宅、商服、工业用地平均地价（元/平方米）及环比增长率。',
    'Quarterly average land prices (yuan per square metre) for residential, commercial and industrial land in each city, with the quarter-on-quarter growth rate.',
  ),
  agencies: ['sx-land'],
  legalBasis: LEGAL_BASIS,
  clause: '一(二)',
  cadence: 'quarterly',
  periodKind: 'quarter',
  dueRule: { offset: 'P20D', time: '09:00' },
  firstPeriod: FIRST,
  licence: SAMPLE_LICENCE,
  themes: ['国土资源', '房地产'],
  tags: ['地价', '地价监测', '房地产', '示例数据'],
  disclosure: 'proactive',
  isSample: true,
  graphqlName: 'landPrices',
};

const schema: TableSchema = {
  fields: [
    periodField('quarter', { zh: '统计季度', en: 'Quarter' }),
    cityField(),
    {
      name: 'land_use',
      type: 'string',
      title: { zh: '用途', en: 'Land use' },
      constraints: { required: true, enum: USES.map((u) => u.name) },
      role: 'dimension',
    },
    {
      name: 'avg_price',
      type: 'integer',
      title: { zh: '平均地价', en: 'Average land price' },
      unit: '元/平方米',
      constraints: { required: true, minimum: 0 },
      role: 'measure',
    },
    {
      name: 'growth_rate',
      type: 'number',
      title: { zh: '环比增长率', en: 'Quarter-on-quarter growth' },
      description: {
        zh: '与上一季度平均地价相比的增长率，保留两位小数；首个季度无上期数据，为空',
        en: 'Change against the previous quarter’s average price, two decimals; empty for the first quarter',
      },
      unit: '%',
      role: 'attribute',
    },
  ],
  primaryKey: ['period', 'city', 'land_use'],
  missingValues: [''],
};

function* releases() {
  const quarters = periodRange(parsePeriod(FIRST, 'quarter'), parsePeriod(LAST, 'quarter'));
  const previous = new Map<string, number>();
  // Growth builds on the previous quarter, so no quarter is skipped (cumulative plan).
  yield* planReleases(
    { datasetId: ID, dueRule: dataset.dueRule, periods: quarters, cumulative: true },
    (q, text) => {
      const rng = rngFor(ID, 'rows', text);
      return CITIES.flatMap((city) =>
        USES.map((use) => {
          const key = `${city.code}|${use.name}`;
          const start = use.base * (0.25 + 0.75 * city.weight) * (1 + 0.05 * noise(rngFor(ID, 'level', key)));
          const last = previous.get(key);
          const drift = use.drift[q.year - 2017] ?? 0;
          const price = Math.round(last === undefined ? start : last * (1 + drift + 0.006 * noise(rng)));
          previous.set(key, price);
          return {
            period: text,
            city: city.code,
            land_use: use.name,
            avg_price: String(price),
            growth_rate: growthPercent(price, last, 2),
          };
        }),
      );
    },
  );
}

export const landPrices: SampleDataset = { dataset, schema, releases };
