import type { Knex } from 'knex';
import { notifyDatasetChanged, withTransaction } from '../db';
import { ValidationError } from '../errors';
import { longerThan, publicFields, type TableSchema } from '../schemas';
import { requireManager } from './access.service';
import { actAudited, type Acting } from './acting';
import { findAgency } from './agencies.repo';
import { datasetNotFound, invalidateDatasetSnapshot } from './dataset-snapshot';
import { normalizeDatasetInput } from './dataset-input';
import {
  datasetFacets,
  findDataset,
  findDatasets,
  insertDataset,
  setSearchText,
  updateDatasetStatus,
  type DatasetFacets,
  type DatasetQuery,
} from './datasets.repo';
import { visibleStats, type DatasetStats } from './releases.repo';
import { MAX_SEARCH_LENGTH, MAX_TEXT_LENGTH } from './limits';
import { indexTokens, queryTokens } from './search-text';
import { assertAgencyFilter } from './code-lists.service';
import { DATASET_STATUSES, type Dataset, type DatasetInput, type DatasetStatus } from './types';

export interface DatasetSummary {
  dataset: Dataset;
  stats: DatasetStats;
}

const EMPTY_STATS: DatasetStats = {
  releaseCount: 0,
  rowCount: 0,
  firstPeriod: null,
  lastPeriod: null,
  lastUpdated: null,
};

export async function createDataset(knex: Knex, input: DatasetInput): Promise<Dataset> {
  const d = normalizeDatasetInput(input);
  const missing: { path: string; message: string }[] = [];
  for (const [i, id] of d.agencies.entries()) {
    if (!(await findAgency(knex, id)))
      missing.push({ path: `$.agencies[${i}]`, message: `unknown agency ${id}` });
  }
  if (missing.length > 0) throw new ValidationError('invalid_dataset', 'Unknown responsible agency', missing);
  await insertDataset(knex, d);
  await refreshSearchText(knex, d.id, undefined);
  return getDataset(knex, d.id);
}

/**
 * Search covers titles, descriptions, tags, themes, agencies, the clause, public field titles
 * and the values their code lists allow, ranked by where the words occur.
 */
export async function refreshSearchText(
  knex: Knex,
  id: string,
  schema: TableSchema | undefined,
): Promise<void> {
  const d = await getDataset(knex, id);
  const fields = schema ? publicFields(schema) : [];
  // Weighted as a reader would: the title says most, then tags and themes, then the prose
  // and who publishes it, then the fields and the values they hold (猪肉 finds the prices).
  await setSearchText(knex, id, {
    A: indexTokens(d.id.replace(/-/g, ' '), d.title.zh, d.title.en),
    B: indexTokens(...d.tags, ...d.themes),
    C: indexTokens(
      d.description.zh,
      d.description.en,
      d.clause,
      ...d.agencies.flatMap((a) => [a.name.zh, a.name.en]),
    ),
    D: indexTokens(
      ...fields.flatMap((f) => [f.title.zh, f.title.en, f.description?.zh]),
      ...fields.flatMap((f) => (f.constraints?.enum ?? []).filter((v): v is string => typeof v === 'string')),
    ),
  });
}

export async function getDataset(knex: Knex, id: string): Promise<Dataset> {
  const d = await findDataset(knex, id);
  if (!d) throw datasetNotFound(id);
  return d;
}

export async function getDatasetSummary(knex: Knex, id: string, now: Date): Promise<DatasetSummary> {
  const dataset = await getDataset(knex, id);
  const stats = await visibleStats(knex, [id], now);
  return { dataset, stats: stats.get(id) ?? EMPTY_STATS };
}

export interface DatasetSearch extends Omit<DatasetQuery, 'searchTerms'> {
  /** As the client sent it; blank means no search. */
  q?: string;
  /** Also count the matches by agency, theme, cadence and status. */
  withFacets?: boolean;
}

/** `q` of a catalogue or row search, refused when longer than MAX_SEARCH_LENGTH. */
export function assertSearchLength(q: string | undefined): void {
  if (q !== undefined && longerThan(q, MAX_SEARCH_LENGTH)) {
    throw new ValidationError('invalid_parameter', `q may be at most ${MAX_SEARCH_LENGTH} characters`, {
      parameter: 'q',
      maxLength: MAX_SEARCH_LENGTH,
    });
  }
}

export async function searchDatasets(
  knex: Knex,
  search: DatasetSearch,
  now: Date,
): Promise<{ items: DatasetSummary[]; total: number; facets?: DatasetFacets }> {
  assertSearchLength(search.q);
  if (search.agency !== undefined) await assertAgencyFilter(knex, search.agency);
  const q = search.q?.trim() || undefined;
  const terms = q ? queryTokens(q) : undefined;
  if (q && terms?.length === 0)
    return { items: [], total: 0, ...(search.withFacets ? { facets: NO_FACETS } : {}) };
  const query = { ...search, searchTerms: terms };
  const [{ items, total }, facets] = await Promise.all([
    findDatasets(knex, query),
    search.withFacets ? datasetFacets(knex, query) : undefined,
  ]);
  const stats = await visibleStats(
    knex,
    items.map((d) => d.id),
    now,
  );
  return {
    items: items.map((dataset) => ({ dataset, stats: stats.get(dataset.id) ?? EMPTY_STATS })),
    total,
    ...(facets ? { facets } : {}),
  };
}

const NO_FACETS: DatasetFacets = { agency: [], theme: [], cadence: [], status: [] };

const PAGE = 500;

/** Drains a paged listing; the catalog is small, but no single-page guess caps it. */
export async function allPages<T>(
  page: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>,
) {
  const out: T[] = [];
  for (;;) {
    const { items, total } = await page(out.length, PAGE);
    out.push(...items);
    if (items.length === 0 || out.length >= total) return out;
  }
}

/** Every dataset record (no figures), optionally only those an agency is named on. */
export function listDatasetRecords(knex: Knex, filter: { agency?: string } = {}): Promise<Dataset[]> {
  return allPages((offset, limit) => findDatasets(knex, { ...filter, limit, offset }));
}

/** A real day on the calendar: 2017-02-30 is refused, not rolled over to March. */
function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export interface StatusMarkInput {
  status: DatasetStatus;
  date?: string | null;
  reason?: string | null;
}

/** 废止/失效 must say when and why; returning to active clears the mark. No authorization, no audit. */
export async function writeDatasetStatus(knex: Knex, id: string, mark: StatusMarkInput): Promise<Dataset> {
  await getDataset(knex, id);
  const issues: { path: string; message: string }[] = [];
  if (!DATASET_STATUSES.includes(mark.status))
    issues.push({ path: '$.status', message: 'must be active, repealed or expired' });
  if (mark.status !== 'active') {
    if (!isCalendarDate(mark.date))
      issues.push({ path: '$.date', message: 'a valid YYYY-MM-DD date is required' });
    if (typeof mark.reason !== 'string' || mark.reason.trim() === '') {
      issues.push({ path: '$.reason', message: 'a reason is required' });
    } else if (longerThan(mark.reason, MAX_TEXT_LENGTH)) {
      issues.push({ path: '$.reason', message: `at most ${MAX_TEXT_LENGTH} characters` });
    }
  }
  if (issues.length > 0) throw new ValidationError('invalid_status', 'The status mark is invalid', issues);
  const active = mark.status === 'active';
  await withTransaction(knex, async (trx) => {
    await updateDatasetStatus(trx, id, {
      status: mark.status,
      date: active ? null : (mark.date ?? null),
      reason: active ? null : (mark.reason ?? null),
    });
    await notifyDatasetChanged(trx, id);
  });
  invalidateDatasetSnapshot(knex, id);
  return getDataset(knex, id);
}

/** A manager of the dataset marks it 废止/失效 (or active again), audited with the change. */
export async function markDatasetStatus(
  knex: Knex,
  a: Acting,
  id: string,
  mark: StatusMarkInput,
): Promise<Dataset> {
  const dataset = await actAudited(knex, a, { action: 'dataset.status', datasetId: id }, async (trx) => {
    requireManager(a.principal, await getDataset(trx, id));
    const marked = await writeDatasetStatus(trx, id, mark);
    return { value: marked, audit: { detail: { status: mark.status } } };
  });
  invalidateDatasetSnapshot(knex, id);
  return dataset;
}
