import { createDataset, upsertAgency, type ReleaseRecord } from '../../src/catalog';
import { publishRelease, registerSchemaVersion } from '../../src/ingest';
import { testDatasetBody } from './dataset-body';
import { testServer } from './server';

const AGENCY = 'test-agency';

export interface TinyField {
  name: string;
  type: string;
  title: { zh: string; en: string };
  unit?: string;
  periodKind?: string;
  constraints?: Record<string, unknown>;
  disclosure?: 'restricted';
}

/** One public field of every type but period (the tiny dataset brings its own). */
export const EVERY_TYPE: TinyField[] = [
  { name: 'market', type: 'string', title: { zh: '市场', en: 'Market' } },
  { name: 'stalls', type: 'integer', title: { zh: '摊位数', en: 'Stalls' } },
  { name: 'price', type: 'number', title: { zh: '价格', en: 'Price' }, unit: '元/公斤' },
  { name: 'organic', type: 'boolean', title: { zh: '有机', en: 'Organic' } },
  { name: 'sampled_on', type: 'date', title: { zh: '抽样日期', en: 'Sampled on' } },
  { name: 'harvest_year', type: 'year', title: { zh: '收获年份', en: 'Harvest year' } },
  { name: 'harvest_month', type: 'yearmonth', title: { zh: '收获月份', en: 'Harvest month' } },
];

/**
 * A small monthly dataset created through the same services the admin API uses, for
 * behaviours the seeds cannot show (tricky strings, formulas, revisions). Its id is
 * unique per call, so tests never see each other's data.
 */
export async function createTinyDataset(
  prefix: string,
  fields: TinyField[],
  primaryKey: string[],
  missingValues: string[] = ['NA'],
  /** Dataset fields to override (a hostile title, a first period to be late for, an agency of its own). */
  overrides: {
    title?: { zh: string; en: string };
    firstPeriod?: string;
    themes?: string[];
    agency?: string;
  } = {},
): Promise<string> {
  const { db } = await testServer();
  const id = `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const { agency = AGENCY, ...datasetFields } = overrides;
  if (agency === AGENCY) {
    await upsertAgency(db.knex, { id: AGENCY, name: { zh: '测试厅', en: 'Test Dept' }, homepage: null });
  }
  await createDataset(db.knex, { ...testDatasetBody(id, agency, { cadence: 'monthly' }), ...datasetFields });
  const period: TinyField = {
    name: 'period',
    type: 'period',
    periodKind: 'month',
    title: { zh: '月份', en: 'Month' },
  };
  await registerSchemaVersion(
    db,
    id,
    { fields: [period, ...fields], primaryKey, missingValues },
    { allowMajor: false, createdBy: 'test' },
  );
  return id;
}

/** Publishes `rows` (cells as an upload would carry them; a missing key is a missing value). */
export async function publishTiny(
  id: string,
  period: string,
  rows: Array<Record<string, string | undefined>>,
  options: { reviseReason?: string; publishAt?: Date } = {},
): Promise<ReleaseRecord> {
  const { db } = await testServer();
  const out = await publishRelease(db, {
    datasetId: id,
    period,
    records: rows.map((cells, i) => ({ line: i + 2, cells })),
    createdBy: 'test',
    publishAt: options.publishAt,
    revise: options.reviseReason ? { reason: options.reviseReason } : undefined,
  });
  if (out.kind !== 'published') throw new Error('expected a published release');
  return out.release;
}
