import { formatPeriod, nextPeriod, parsePeriod } from '../../src/periods';

/** The weekly price schema, as agencies publish it (a simplified src/notice/datasets/agri-prices.ts). */
export const PRICE_SCHEMA = {
  fields: [
    { name: 'period', type: 'period', periodKind: 'week', title: { zh: '统计周', en: 'Week' } },
    {
      name: 'city',
      type: 'string',
      title: { zh: '城市代码', en: 'City code' },
      constraints: { pattern: '14\\d{4}' },
    },
    { name: 'market', type: 'string', title: { zh: '批发市场', en: 'Market' } },
    { name: 'product', type: 'string', title: { zh: '品种', en: 'Product' } },
    {
      name: 'category',
      type: 'string',
      title: { zh: '类别', en: 'Category' },
      constraints: { enum: ['畜禽产品', '蔬菜', '水果', '粮油'] },
    },
    {
      name: 'avg_price',
      type: 'number',
      unit: '元/公斤',
      title: { zh: '平均价', en: 'Average price' },
      constraints: { minimum: 0 },
    },
    {
      name: 'min_price',
      type: 'number',
      unit: '元/公斤',
      title: { zh: '最低价', en: 'Lowest price' },
      constraints: { minimum: 0 },
    },
    {
      name: 'max_price',
      type: 'number',
      unit: '元/公斤',
      title: { zh: '最高价', en: 'Highest price' },
      constraints: { minimum: 0 },
    },
  ],
  primaryKey: ['period', 'city', 'market', 'product'],
};

export const CITIES = [
  '140100',
  '140200',
  '140300',
  '140400',
  '140500',
  '140600',
  '140700',
  '140800',
  '140900',
  '141000',
];
const CATEGORIES = ['畜禽产品', '蔬菜', '水果', '粮油'];

export interface Shape {
  weeks: number;
  markets: number;
  products: number;
}

/** rows = weeks × 10 cities × markets × products; deterministic, no randomness needed. */
export function* weeklyReleases(shape: Shape): Generator<{ period: string; rows: Record<string, string>[] }> {
  let p = parsePeriod('2017-W01');
  for (let w = 0; w < shape.weeks; w++) {
    const period = formatPeriod(p);
    const rows: Record<string, string>[] = [];
    for (const city of CITIES) {
      for (let m = 0; m < shape.markets; m++) {
        for (let k = 0; k < shape.products; k++) {
          const base = 5 + ((k * 7 + m * 3 + w) % 50) + (Number(city) % 7) / 10;
          rows.push({
            period,
            city,
            market: `市场${String(m).padStart(3, '0')}`,
            product: k === 0 ? '猪肉' : `品种${String(k).padStart(3, '0')}`,
            category: CATEGORIES[k % 4]!,
            avg_price: base.toFixed(2),
            min_price: (base * 0.9).toFixed(2),
            max_price: (base * 1.1).toFixed(2),
          });
        }
      }
    }
    yield { period, rows };
    p = nextPeriod(p);
  }
}

/** The same rows as one CSV body (header line first), for the upload benchmark. */
export function csvBody(shape: Shape, weekIndex: number): string {
  let i = 0;
  for (const rel of weeklyReleases({ ...shape, weeks: weekIndex + 1 })) {
    if (i++ < weekIndex) continue;
    const names = PRICE_SCHEMA.fields.map((f) => f.name);
    return [names.join(','), ...rel.rows.map((r) => names.map((n) => r[n]).join(','))].join('\n') + '\n';
  }
  return '';
}
