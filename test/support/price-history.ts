import { createDataset, upsertAgency } from '../../src/catalog';
import { publishRelease, registerSchemaVersion } from '../../src/ingest';
import { CITIES } from '../../src/notice';
import { formatPeriod, nextPeriod, parsePeriod } from '../../src/periods';
import { seeded } from '../../bench/lib/mix-shapes';
import { testDatasetBody } from './dataset-body';
import { testServer } from './server';

const DISTRICTS = ['城东', '城西'];
export const PRODUCTS = [
  '猪肉',
  '牛肉',
  '羊肉',
  '鸡蛋',
  '白条鸡',
  '大白菜',
  '土豆',
  '西红柿',
  '黄瓜',
  '青椒',
  '芹菜',
  '白萝卜',
  '苹果',
  '梨',
  '小麦粉',
  '大米',
  '玉米',
  '小米',
];

export interface PriceHistory {
  id: string;
  cities: string[];
  markets: string[];
  products: string[];
  /** The first and last week published, and when the release of each week became public. */
  weeks: string[];
  publishAt: Date[];
}

const SCHEMA = {
  fields: [
    { name: 'period', type: 'period', periodKind: 'week', title: { zh: '统计周', en: 'Week' } },
    {
      name: 'city',
      type: 'string',
      title: { zh: '城市', en: 'City' },
      constraints: { enum: CITIES.map((c) => c.code) },
    },
    { name: 'market', type: 'string', title: { zh: '批发市场', en: 'Market' } },
    { name: 'product', type: 'string', title: { zh: '品种', en: 'Product' } },
    { name: 'category', type: 'string', role: 'attribute', title: { zh: '类别', en: 'Category' } },
    ...['avg_price', 'min_price', 'max_price'].map((name) => ({
      name,
      type: 'number',
      unit: '元/公斤',
      title: { zh: name, en: name },
    })),
  ],
  primaryKey: ['period', 'city', 'market', 'product'],
};

/**
 * A weekly price dataset shaped like the seeded agri-prices: two markets in each of the 11
 * cities, each pricing 18 products every week (396 rows a week), from 2016-W01, published
 * week by week through the real ingest path, each release public a few days after its week. Prices drift by product, city and week with seeded noise, so they
 * have the spread of real prices rather than a handful of repeated values.
 */
export async function publishPriceHistory(prefix: string, weekCount: number): Promise<PriceHistory> {
  const { db } = await testServer();
  const id = `${prefix}-${Date.now().toString(36)}`;
  await upsertAgency(db.knex, { id: 'test-agency', name: { zh: '测试厅', en: 'Test Dept' }, homepage: null });
  await createDataset(db.knex, testDatasetBody(id, 'test-agency', { cadence: 'weekly' }));
  await registerSchemaVersion(db, id, SCHEMA, { allowMajor: false, createdBy: 'test' });
  const random = seeded(15);
  const cities = CITIES.map((c) => c.code);
  const markets = CITIES.flatMap((c) => DISTRICTS.map((d) => `${c.name.zh}${d}农产品批发市场`));
  const weeks: string[] = [];
  const publishAt: Date[] = [];
  let period = parsePeriod('2016-W01', 'week');
  for (let w = 0; w < weekCount; w++, period = nextPeriod(period)) {
    const text = formatPeriod(period);
    const cells = cities.flatMap((city, c) =>
      DISTRICTS.flatMap((_, d) =>
        PRODUCTS.map((product, p) => {
          const avg = (4 + p * 3.7) * (1 + c / 40) * (1 + 0.2 * Math.sin(w / 9 + p)) * (0.9 + 0.2 * random());
          return {
            period: text,
            city,
            market: markets[c * DISTRICTS.length + d]!,
            product,
            category: p < 5 ? '畜禽产品' : p < 12 ? '蔬菜' : p < 14 ? '水果' : '粮油',
            avg_price: avg.toFixed(2),
            min_price: (avg * 0.9).toFixed(2),
            max_price: (avg * 1.1).toFixed(2),
          };
        }),
      ),
    );
    const at = new Date(Date.UTC(2016, 0, 13) + w * 7 * 86_400_000);
    const out = await publishRelease(db, {
      datasetId: id,
      period: text,
      records: cells.map((row, i) => ({ line: i + 2, cells: row })),
      createdBy: 'test',
      publishAt: at,
    });
    if (out.kind !== 'published') throw new Error('expected a published release');
    weeks.push(text);
    publishAt.push(at);
  }
  return { id, cities, markets, products: PRODUCTS, weeks, publishAt };
}
