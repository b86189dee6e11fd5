import type { DatasetInput } from '../../src/catalog/types';
import { parsePeriod, periodEnd, periodRange, periodStart, type Period } from '../../src/periods';
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
import { CITY_CODES } from './regions';
import type { SampleDataset } from './types';

const ID = 'grain-purchase';
/** Purchase seasons run Oct–Mar; the current one (2026/27) is under way at seed time. */
const SEASONS: readonly (readonly [string, string])[] = [
  ...[2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025].map(
    (y) => [`${y}-10-P1`, `${y + 1}-03-P6`] as const,
  ),
  ['2026-10-P1', '2026-11-P3'],
];

interface Grain {
  name: string;
  /** Provincial purchase over a whole season at the start (万吨) and yearly trend. */
  seasonTotal: number;
  trend: number;
  /** City code → share of the provincial purchase. */
  shares: Readonly<Record<string, number>>;
  /** Shape of the purchase curve over the season: x^a·e^(−x/b) with x = pentad number. */
  shape: readonly [number, number];
}

const GRAINS: readonly Grain[] = [
  {
    name: '玉米',
    seasonTotal: 430,
    trend: 0.02,
    shares: {
      '140100': 0.04,
      '140200': 0.1,
      '140300': 0.02,
      '140400': 0.1,
      '140500': 0.06,
      '140600': 0.1,
      '140700': 0.11,
      '140800': 0.1,
      '140900': 0.12,
      '141000': 0.1,
      '141100': 0.08,
    },
    shape: [2.2, 4.5],
  },
  {
    name: '小麦',
    seasonTotal: 32,
    trend: 0.01,
    shares: { '140100': 0.04, '140400': 0.06, '140500': 0.1, '140700': 0.05, '140800': 0.45, '141000': 0.3 },
    shape: [1, 12],
  },
  {
    name: '稻谷',
    seasonTotal: 0.8,
    trend: 0,
    shares: { '140100': 0.4, '140800': 0.3, '141000': 0.3 },
    shape: [2, 3],
  },
  {
    name: '大豆',
    seasonTotal: 6,
    trend: 0.03,
    shares: { '140200': 0.15, '140400': 0.15, '140600': 0.15, '140700': 0.1, '140900': 0.25, '141100': 0.2 },
    shape: [2, 3.5],
  },
  {
    name: '谷子',
    seasonTotal: 8,
    trend: 0.02,
    shares: { '140200': 0.15, '140400': 0.15, '140600': 0.15, '140700': 0.15, '140900': 0.2, '141100': 0.2 },
    shape: [2, 4],
  },
];

/** Grain × city combinations that report, in output order. */
const SERIES = GRAINS.flatMap((grain) =>
  CITY_CODES.filter((city) => (grain.shares[city] ?? 0) > 0).map((city) => ({ grain, city })),
);

const PENTADS_PER_SEASON = 36;

/** Relative weight of each pentad of the season (0 = Oct P1), scaled by its length in days. */
function seasonCurve(grain: Grain, pentads: readonly Period[]): number[] {
  const [a, b] = grain.shape;
  const raw = Array.from({ length: PENTADS_PER_SEASON }, (_, i) => (i + 1) ** a * Math.exp(-(i + 1) / b));
  const days = pentads.map((p) => Number(periodEnd(p).slice(8)) - Number(periodStart(p).slice(8)) + 1);
  const weighted = raw.map((w, i) => (w * (days[i] ?? 5)) / 5);
  const total = weighted.reduce((s, w) => s + w, 0);
  return weighted.map((w) => w / total);
}

const dataset: DatasetInput = {
  id: ID,
  title: { zh: '粮食收购进度', en: 'Grain purchase progress' },
  description: sampleDescription(
    '收购旺季（10月至次年3月）每五日（一候）发布的主产区各品种粮食收购量及本收购季累计收购量（万吨）。',
    'Grain purchased in each city by grain type, published every five days (pentad) during the purchase season (October to March), with the total since the start of the season (10,000 tonnes).',
  ),
  agencies: ['sx-grain'],
  legalBasis: LEGAL_BASIS,
  clause: '三(五)',
  cadence: 'pentad',
  periodKind: 'pentad',
  season: { startMonth: 10, endMonth: 3 },
  dueRule: { offset: 'P1D', time: '10:00' },
  firstPeriod: '2017-10-P1',
  licence: SAMPLE_LICENCE,
  themes: ['农业', '粮食'],
  tags: ['粮食', '收购', '秋粮', '示例数据'],
  disclosure: 'proactive',
  isSample: true,
  graphqlName: 'grainPurchaseProgress',
};

const schema: TableSchema = {
  fields: [
    periodField('pentad', { zh: '统计候', en: 'Pentad' }),
    {
      name: 'grain',
      type: 'string',
      title: { zh: '粮食品种', en: 'Grain' },
      constraints: { required: true, enum: GRAINS.map((g) => g.name) },
      role: 'dimension',
    },
    cityField(),
    {
      name: 'purchased_pentad',
      type: 'number',
      title: { zh: '本候收购量', en: 'Purchased in the pentad' },
      unit: '万吨',
      constraints: { required: true, minimum: 0 },
      role: 'measure',
    },
    {
      name: 'purchased_cumulative',
      type: 'number',
      title: { zh: '本季累计收购量', en: 'Purchased since the season began' },
      description: {
        zh: '自本收购季10月1日起累计，每年10月第1候重新起算；不宜跨期求和',
        en: 'Running total since 1 October of the current purchase season, restarting each October; do not sum across periods',
      },
      unit: '万吨',
      constraints: { required: true, minimum: 0 },
      role: 'measure',
    },
  ],
  primaryKey: ['period', 'grain', 'city'],
  missingValues: [''],
};

function* releases() {
  const seasons = SEASONS.map(([from, to]) =>
    periodRange(parsePeriod(from, 'pentad'), parsePeriod(to, 'pentad')),
  );
  // Curves are computed on full seasons so the short current season follows the same shape.
  const fullSeason = seasons[0] ?? [];
  const curves = new Map(GRAINS.map((g) => [g, seasonCurve(g, fullSeason)]));
  const periods = seasons.flat();
  let seasonYear = -1;
  let position = 0;
  const totals = new Map<string, number>(); // series key → season purchase target (hundredths of 万吨)
  const running = new Map<string, number>(); // series key → cumulative so far (hundredths of 万吨)

  yield* planReleases(
    { datasetId: ID, dueRule: dataset.dueRule, periods, cumulative: true },
    (pentad, text) => {
      const year = pentad.index > 36 ? pentad.year : pentad.year - 1;
      if (year !== seasonYear) {
        seasonYear = year;
        position = 0;
        running.clear();
        for (const grain of GRAINS) {
          const harvest = rngFor(ID, 'harvest', year, grain.name);
          const total = grain.seasonTotal * (1 + grain.trend) ** (year - 2017) * (1 + 0.12 * noise(harvest));
          for (const [city, share] of Object.entries(grain.shares))
            totals.set(`${grain.name}|${city}`, total * share * 100);
        }
      }
      const rng = rngFor(ID, 'rows', text);
      const rows = SERIES.map(({ grain, city }) => {
        const key = `${grain.name}|${city}`;
        const weight = curves.get(grain)?.[position] ?? 0;
        const amount = Math.max(0, Math.round((totals.get(key) ?? 0) * weight * (1 + 0.3 * noise(rng))));
        const cumulative = (running.get(key) ?? 0) + amount;
        running.set(key, cumulative);
        return {
          period: text,
          grain: grain.name,
          city,
          purchased_pentad: centsText(amount),
          purchased_cumulative: centsText(cumulative),
        };
      });
      position++;
      return rows;
    },
  );
}

export const grainPurchase: SampleDataset = { dataset, schema, releases };
