import type { DatasetInput } from '../../src/catalog/types';
import { parsePeriod, periodRange, type Period } from '../../src/periods';
import type { FieldDef, TableSchema } from '../../src/schemas/types';
import {
  cityField,
  LEGAL_BASIS,
  periodField,
  planReleases,
  SAMPLE_LICENCE,
  sampleDescription,
} from './common';
import { noise, rngFor, uniform } from './random';
import { CITIES } from './regions';
import type { SampleDataset } from './types';

const ID = 'agri-prices';
const FIRST = '2017-W01';
const LAST = '2026-W46';
/** Weeks the agency "forgot" (National Day 2019, Spring Festival 2024), for timeliness reports. */
const OMITTED = new Set(['2019-W40', '2024-W06']);

type Category = '畜禽产品' | '蔬菜' | '水果' | '粮油';
const CATEGORIES: readonly Category[] = ['畜禽产品', '蔬菜', '水果', '粮油'];

interface Product {
  name: string;
  category: Category;
  /** 元/公斤 at the start of 2017. */
  base: number;
  /** Relative seasonal amplitude and the ISO week of the seasonal peak. */
  season: number;
  peakWeek: number;
  /** Either a yearly trend or a piecewise-linear index over years since 2017-01 (e.g. the pig cycle). */
  trend?: number;
  path?: readonly (readonly [number, number])[];
}

const PRODUCTS: readonly Product[] = [
  {
    name: '猪肉',
    category: '畜禽产品',
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
  {
    name: '牛肉',
    category: '畜禽产品',
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
  {
    name: '羊肉',
    category: '畜禽产品',
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
  { name: '鸡蛋', category: '畜禽产品', base: 7.2, season: 0.12, peakWeek: 36, trend: 0.015 },
  { name: '白条鸡', category: '畜禽产品', base: 14, season: 0.05, peakWeek: 5, trend: 0.012 },
  { name: '大白菜', category: '蔬菜', base: 1.2, season: 0.35, peakWeek: 8, trend: 0.02 },
  { name: '土豆', category: '蔬菜', base: 2, season: 0.18, peakWeek: 24, trend: 0.015 },
  { name: '西红柿', category: '蔬菜', base: 3.6, season: 0.38, peakWeek: 6, trend: 0.02 },
  { name: '黄瓜', category: '蔬菜', base: 3, season: 0.42, peakWeek: 5, trend: 0.02 },
  { name: '青椒', category: '蔬菜', base: 4, season: 0.36, peakWeek: 6, trend: 0.02 },
  { name: '芹菜', category: '蔬菜', base: 2.6, season: 0.4, peakWeek: 9, trend: 0.02 },
  { name: '白萝卜', category: '蔬菜', base: 1.4, season: 0.3, peakWeek: 14, trend: 0.015 },
  { name: '苹果', category: '水果', base: 6.2, season: 0.12, peakWeek: 28, trend: 0.02 },
  { name: '梨', category: '水果', base: 4.6, season: 0.12, peakWeek: 30, trend: 0.018 },
  { name: '小麦粉', category: '粮油', base: 3.5, season: 0.01, peakWeek: 20, trend: 0.02 },
  { name: '大米', category: '粮油', base: 4.4, season: 0.01, peakWeek: 30, trend: 0.015 },
  {
    name: '玉米',
    category: '粮油',
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
  { name: '小米', category: '粮油', base: 7.5, season: 0.03, peakWeek: 30, trend: 0.02 },
];

const MARKET_DISTRICTS: readonly (readonly [string, string])[] = [
  ['河西', '城南'],
  ['御东', '南郊'],
  ['城区', '郊区'],
  ['潞州', '城北'],
  ['泽州', '城东'],
  ['朔城', '开发区'],
  ['榆次', '太谷'],
  ['盐湖', '城东'],
  ['忻府', '城南'],
  ['尧都', '城西'],
  ['离石', '城东'],
];

interface Market {
  city: string;
  name: string;
  /** Per-product price level of this market relative to the provincial average. */
  level: Float64Array;
}

const MARKETS: readonly Market[] = CITIES.flatMap((city, c) => {
  const districts = MARKET_DISTRICTS[c] ?? ['城东', '城西'];
  const cityRng = rngFor(ID, 'city', city.code);
  const cityLevel = PRODUCTS.map(() => 1 + 0.05 * noise(cityRng) + (city.code === '140100' ? 0.04 : 0));
  return districts.map((district) => {
    const rng = rngFor(ID, 'market', city.code, district);
    const marketLevel = 1 + 0.02 * noise(rng);
    return {
      city: city.code,
      name: `${city.name.zh}${district}农产品批发市场`,
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

const dataset: DatasetInput = {
  id: ID,
  title: { zh: '农产品批发市场价格', en: 'Wholesale prices of agricultural products' },
  description: sampleDescription(
    '全省11个设区的市各2个农产品批发市场18种主要农产品的周平均、最低和最高批发价格（元/公斤）。',
    'Weekly average, lowest and highest wholesale prices (yuan/kg) of 18 staple agricultural products at two wholesale markets in each of the 11 cities of Shanxi.',
  ),
  agencies: ['sx-agriculture'],
  legalBasis: LEGAL_BASIS,
  clause: '三(五)',
  cadence: 'weekly',
  periodKind: 'week',
  dueRule: { offset: 'P2D', time: '09:30' },
  firstPeriod: FIRST,
  licence: SAMPLE_LICENCE,
  themes: ['农业', '价格'],
  tags: ['农产品', '价格', '批发市场', '示例数据'],
  disclosure: 'proactive',
  isSample: true,
  graphqlName: 'agriculturalPrices',
};

const priceField = (name: string, zh: string, en: string): FieldDef => ({
  name,
  type: 'number',
  title: { zh, en },
  unit: '元/公斤',
  constraints: { required: true, minimum: 0 },
  role: 'measure',
});

const schema: TableSchema = {
  fields: [
    periodField('week', { zh: '统计周', en: 'Week' }),
    cityField(),
    {
      name: 'market',
      type: 'string',
      title: { zh: '批发市场', en: 'Wholesale market' },
      constraints: { required: true, enum: MARKETS.map((m) => m.name) },
      role: 'dimension',
    },
    {
      name: 'product',
      type: 'string',
      title: { zh: '品种', en: 'Product' },
      constraints: { required: true, enum: PRODUCTS.map((p) => p.name) },
      role: 'dimension',
    },
    {
      name: 'category',
      type: 'string',
      title: { zh: '类别', en: 'Category' },
      constraints: { required: true, enum: [...CATEGORIES] },
      role: 'attribute',
    },
    priceField('avg_price', '平均价格', 'Average price'),
    priceField('min_price', '最低价格', 'Lowest price'),
    priceField('max_price', '最高价格', 'Highest price'),
  ],
  primaryKey: ['period', 'city', 'market', 'product'],
  missingValues: [''],
};

/** Two decimals from a price in 元; prices stay far below 2^53 cents, so this is exact. */
const money = (cents: number): string => (cents / 100).toFixed(2);

function* releases() {
  const weeks = periodRange(parsePeriod(FIRST, 'week'), parsePeriod(LAST, 'week'));
  yield* planReleases(
    { datasetId: ID, dueRule: dataset.dueRule, periods: weeks, omit: OMITTED },
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

export const agriPrices: SampleDataset = { dataset, schema, releases };
