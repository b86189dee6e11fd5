import { AGRI_MARKETS, AGRI_PRODUCTS, noticeDataset, type AgriCategory } from '../../src/notice';
import { parsePeriod, periodRange, type Period } from '../../src/periods';
import { planReleases, sampleOf } from './common';
import { noise, rngFor, uniform } from './random';
import { CITIES } from './regions';
import type { SampleDataset } from './types';

const definition = noticeDataset('agri-prices');
const ID = definition.dataset.id;
/** Where the synthetic history starts; the definition itself tracks from registration. */
const FIRST = '2017-W01';
const LAST = '2026-W46';
/** Weeks the agency "forgot" (National Day 2019, Spring Festival 2024), for timeliness reports. */
const OMITTED = new Set(['2019-W40', '2024-W06']);

/** How a product's price moves; products, their names and categories are the notice's. */
interface PriceModel {
  /** 元/公斤 at the start of 2017. */
  base: number;
  /** Relative seasonal amplitude and the ISO week of the seasonal peak. */
  season: number;
  peakWeek: number;
  /** Either a yearly trend or a piecewise-linear index over years since 2017-01 (e.g. the pig cycle). */
  trend?: number;
  path?: readonly (readonly [number, number])[];
}

interface Product extends PriceModel {
  name: string;
  category: AgriCategory;
}

const MODELS: Readonly<Record<string, PriceModel>> = {
  猪肉: {
    base: 22,
    season: 0.04,
    peakWeek: 4,
    // The 2019–2020 African swine fever price spike and the cycles after it.
    path: [
      [0, 1],
      [1.4, 0.8],
      [2.2, 0.92],
      [2.85, 1.75],
      [3.1, 2.05],
      [3.7, 1.6],
      [4.45, 0.95],
      [4.8, 0.7],
      [5.8, 1.2],
      [6.4, 0.82],
      [7.6, 0.98],
      [8.4, 0.85],
      [9.9, 0.92],
    ],
  },
  牛肉: {
    base: 56,
    season: 0.03,
    peakWeek: 3,
    path: [
      [0, 1],
      [3, 1.25],
      [5.2, 1.38],
      [7.5, 1.08],
      [9.9, 1.12],
    ],
  },
  羊肉: {
    base: 52,
    season: 0.05,
    peakWeek: 2,
    path: [
      [0, 1],
      [3, 1.3],
      [5, 1.42],
      [7.5, 1.12],
      [9.9, 1.15],
    ],
  },
  鸡蛋: { base: 7.2, season: 0.12, peakWeek: 36, trend: 0.015 },
  白条鸡: { base: 14, season: 0.05, peakWeek: 5, trend: 0.012 },
  大白菜: { base: 1.2, season: 0.35, peakWeek: 8, trend: 0.02 },
  土豆: { base: 2, season: 0.18, peakWeek: 24, trend: 0.015 },
  西红柿: { base: 3.6, season: 0.38, peakWeek: 6, trend: 0.02 },
  黄瓜: { base: 3, season: 0.42, peakWeek: 5, trend: 0.02 },
  青椒: { base: 4, season: 0.36, peakWeek: 6, trend: 0.02 },
  芹菜: { base: 2.6, season: 0.4, peakWeek: 9, trend: 0.02 },
  白萝卜: { base: 1.4, season: 0.3, peakWeek: 14, trend: 0.015 },
  苹果: { base: 6.2, season: 0.12, peakWeek: 28, trend: 0.02 },
  梨: { base: 4.6, season: 0.12, peakWeek: 30, trend: 0.018 },
  小麦粉: { base: 3.5, season: 0.01, peakWeek: 20, trend: 0.02 },
  大米: { base: 4.4, season: 0.01, peakWeek: 30, trend: 0.015 },
  玉米: {
    base: 1.7,
    season: 0.04,
    peakWeek: 32,
    path: [
      [0, 1],
      [3, 1.15],
      [4.2, 1.6],
      [6, 1.6],
      [7.5, 1.3],
      [9.9, 1.25],
    ],
  },
  小米: { base: 7.5, season: 0.03, peakWeek: 30, trend: 0.02 },
};

/** The notice's products, in its order, each with its price model. */
const PRODUCTS: readonly Product[] = AGRI_PRODUCTS.map((p) => {
  const model = MODELS[p.name];
  if (!model) throw new Error(`agri-prices: no price model for ${p.name}`);
  return { ...p, ...model };
});

interface Market {
  city: string;
  name: string;
  /** Per-product price level of this market relative to the provincial average. */
  level: Float64Array;
}

const MARKETS: readonly Market[] = CITIES.flatMap((city) => {
  const cityRng = rngFor(ID, 'city', city.code);
  const cityLevel = PRODUCTS.map(() => 1 + 0.05 * noise(cityRng) + (city.code === '140100' ? 0.04 : 0));
  return AGRI_MARKETS.filter((m) => m.city === city.code).map((market) => {
    const rng = rngFor(ID, 'market', city.code, market.district);
    const marketLevel = 1 + 0.02 * noise(rng);
    return {
      city: city.code,
      name: market.name,
      level: Float64Array.from(cityLevel, (l) => l * marketLevel),
    };
  });
});

const WEEKS_PER_YEAR = 365.2425 / 7;

function interpolate(path: readonly (readonly [number, number])[], t: number): number {
  let prev = path[0] ?? [0, 1];
  for (const point of path) {
    if (t <= point[0]) {
      const span = point[0] - prev[0];
      return span <= 0 ? point[1] : prev[1] + ((point[1] - prev[1]) * (t - prev[0])) / span;
    }
    prev = point;
  }
  return prev[1];
}

/** Provincial price level of each product in week `n` (0 = 2017-W01) of ISO week `week`. */
function productLevels(n: number, period: Period): Float64Array {
  const t = n / WEEKS_PER_YEAR;
  const rng = rngFor(ID, 'week', period.year, period.index);
  return Float64Array.from(PRODUCTS, (p) => {
    const trend = p.path ? interpolate(p.path, t) : (1 + (p.trend ?? 0)) ** t;
    const season = 1 + p.season * Math.cos((2 * Math.PI * (period.index - p.peakWeek)) / WEEKS_PER_YEAR);
    return p.base * trend * season * (1 + 0.03 * noise(rng));
  });
}

/** Two decimals from a price in 元; prices stay far below 2^53 cents, so this is exact. */
const money = (cents: number): string => (cents / 100).toFixed(2);

function* releases() {
  const weeks = periodRange(parsePeriod(FIRST, 'week'), parsePeriod(LAST, 'week'));
  yield* planReleases(
    { datasetId: ID, dueRule: definition.dataset.dueRule, periods: weeks, omit: OMITTED },
    (week, text, n) => {
      const levels = productLevels(n, week);
      const rng = rngFor(ID, 'rows', text);
      const rows: Record<string, string>[] = [];
      for (const market of MARKETS) {
        for (let p = 0; p < PRODUCTS.length; p++) {
          const product = PRODUCTS[p] as Product;
          const avg = Math.round(100 * (levels[p] ?? 0) * (market.level[p] ?? 1) * (1 + 0.025 * noise(rng)));
          const min = Math.max(1, Math.round(avg * (1 - uniform(rng, 0.04, 0.14))));
          const max = Math.round(avg * (1 + uniform(rng, 0.04, 0.14)));
          rows.push({
            period: text,
            city: market.city,
            market: market.name,
            product: product.name,
            category: product.category,
            avg_price: money(avg),
            min_price: money(min),
            max_price: money(max),
          });
        }
      }
      return rows;
    },
  );
}

export const agriPrices: SampleDataset = sampleOf(definition, releases, { firstPeriod: FIRST });
