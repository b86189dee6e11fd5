import { GRAIN_TYPES, noticeDataset } from '../../src/notice';
import { parsePeriod, periodEnd, periodRange, periodStart, type Period } from '../../src/periods';
import { centsText, planReleases, sampleOf, withModels } from './common';
import { noise, rngFor } from './random';
import { CITY_CODES } from './regions';
import type { SampleDataset } from './types';

const definition = noticeDataset('grain-purchase');
const ID = definition.dataset.id;
/** Purchase seasons run Oct–Mar; the current one (2026/27) is under way at seed time. */
/** Where the synthetic history starts; the definition itself tracks from registration. */
const FIRST = '2017-10-P1';
const SEASONS: readonly (readonly [string, string])[] = [
  ...[2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025].map(
    (y) => [`${y}-10-P1`, `${y + 1}-03-P6`] as const,
  ),
  ['2026-10-P1', '2026-11-P3'],
];

/** How much of a grain is bought where and when; the grains themselves are the notice's. */
interface GrainModel {
  /** Provincial purchase over a whole season at the start (万吨) and yearly trend. */
  seasonTotal: number;
  trend: number;
  /** City code → share of the provincial purchase. */
  shares: Readonly<Record<string, number>>;
  /** Shape of the purchase curve over the season: x^a·e^(−x/b) with x = pentad number. */
  shape: readonly [number, number];
}

const MODELS: Readonly<Record<string, GrainModel>> = {
  玉米: {
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
  小麦: {
    seasonTotal: 32,
    trend: 0.01,
    shares: { '140100': 0.04, '140400': 0.06, '140500': 0.1, '140700': 0.05, '140800': 0.45, '141000': 0.3 },
    shape: [1, 12],
  },
  稻谷: {
    seasonTotal: 0.8,
    trend: 0,
    shares: { '140100': 0.4, '140800': 0.3, '141000': 0.3 },
    shape: [2, 3],
  },
  大豆: {
    seasonTotal: 6,
    trend: 0.03,
    shares: { '140200': 0.15, '140400': 0.15, '140600': 0.15, '140700': 0.1, '140900': 0.25, '141100': 0.2 },
    shape: [2, 3.5],
  },
  谷子: {
    seasonTotal: 8,
    trend: 0.02,
    shares: { '140200': 0.15, '140400': 0.15, '140600': 0.15, '140700': 0.15, '140900': 0.2, '141100': 0.2 },
    shape: [2, 4],
  },
};

type Grain = GrainModel & { name: string };
const GRAINS: readonly Grain[] = withModels(ID, GRAIN_TYPES, MODELS);

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
    { datasetId: ID, dueRule: definition.dataset.dueRule, periods, cumulative: true },
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

export const grainPurchase: SampleDataset = sampleOf(definition, releases, { firstPeriod: FIRST });
