import { createDataset, upsertAgency } from '../../src/catalog';
import type { Database } from '../../src/db';
import { registerSchemaVersion } from '../../src/ingest';

/** One kind of request in the load mix, with its share of the connections. */
export interface LoadRoute {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  share: number;
}

const json = { 'content-type': 'application/json' };
const pork = encodeURIComponent('猪肉');

/**
 * What a day on the portal looks like, by share of connections: people browse the catalog
 * and pages, journalists query rows and aggregates over REST and GraphQL, scripts use the
 * CKAN API, and some download small and whole-table CSV files. The seeded sample data
 * (agri-prices: about 200k weekly rows) is what they read.
 */
export const LOAD_ROUTES: readonly LoadRoute[] = [
  { name: 'catalog list', path: '/api/v1/datasets?limit=20', share: 5 },
  { name: 'catalog search', path: `/api/v1/datasets?q=${encodeURIComponent('价格')}`, share: 3 },
  { name: 'dataset', path: '/api/v1/datasets/agri-prices', share: 3 },
  { name: 'home page', path: '/', share: 3 },
  { name: 'dataset page', path: '/datasets/agri-prices', share: 3 },
  {
    name: 'rows: city + product + year',
    path: `/api/v1/datasets/agri-prices/rows?city=140100&product=${pork}&period[gte]=2024-W01&period[lte]=2024-W52&limit=100`,
    share: 7,
  },
  {
    name: 'rows: sorted by price',
    path: '/api/v1/datasets/agri-prices/rows?period=latest&sort=-avg_price&limit=50',
    share: 4,
  },
  {
    name: 'aggregate: by city',
    path: `/api/v1/datasets/agri-prices/aggregate?groupBy=city&avg=avg_price&product=${pork}`,
    share: 4,
  },
  {
    name: 'aggregate: by quarter',
    path: `/api/v1/datasets/agri-prices/aggregate?groupBy=period:quarter&avg=avg_price&product=${pork}&city=140100`,
    share: 3,
  },
  {
    name: 'GraphQL rows',
    path: '/graphql',
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      query: `{ agriculturalPrices(filter: { product: { eq: "猪肉" }, city: { in: ["140100", "140200"] } }, first: 50) {
        totalCount nodes { period city market avgPrice } } }`,
    }),
    share: 6,
  },
  {
    name: 'GraphQL catalog',
    path: '/graphql',
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      query: '{ datasets(first: 20) { nodes { id title { zh } cadence lastUpdated } } }',
    }),
    share: 2,
  },
  {
    name: 'small export',
    path: `/api/v1/datasets/agri-prices/export.csv?city=140100&product=${pork}`,
    share: 2,
  },
  { name: 'large export', path: '/api/v1/datasets/agri-prices/export.csv', share: 1 },
  {
    name: 'CKAN package_search',
    path: `/api/3/action/package_search?q=${encodeURIComponent('价格')}&facet.field=${encodeURIComponent('["organization"]')}`,
    share: 2,
  },
  {
    name: 'CKAN datastore_search',
    path: '/api/action/datastore_search',
    method: 'POST',
    headers: json,
    body: JSON.stringify({ resource_id: 'agri-prices', filters: { city: '140100' }, limit: 100 }),
    share: 2,
  },
];

/** The dataset the load's uploads go to: monthly, three fields, a new period each time. */
export async function createTinyLoadDataset(db: Database): Promise<string> {
  const id = 'load-uploads';
  await upsertAgency(db.knex, {
    id: 'load-agency',
    name: { zh: '负载测试厅', en: 'Load Dept' },
    homepage: null,
  });
  await createDataset(db.knex, {
    id,
    title: { zh: '负载测试上传', en: 'Load test uploads' },
    description: { zh: '负载测试用合成数据', en: 'Synthetic load-test data' },
    agencies: ['load-agency'],
    legalBasis: '晋政办发〔2017〕50号',
    clause: '六(三)',
    cadence: 'monthly',
    dueRule: { offset: 'P15D', time: '17:00' },
    licence: 'CC-BY-4.0',
    themes: [],
    tags: [],
    isSample: true,
  });
  await registerSchemaVersion(
    db,
    id,
    {
      fields: [
        { name: 'period', type: 'period', periodKind: 'month', title: { zh: '月份', en: 'Month' } },
        { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
        { name: 'value', type: 'number', title: { zh: '数值', en: 'Value' } },
      ],
      primaryKey: ['period', 'city'],
    },
    { allowMajor: false, createdBy: 'load' },
  );
  return id;
}
