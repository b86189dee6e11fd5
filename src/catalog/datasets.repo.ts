import type { Knex } from 'knex';
import type { PeriodKind } from '../periods';
import { toAgency } from './agencies.repo';
import { groupBy } from './group-by';
import type { Agency, Cadence, Dataset, DatasetDisclosure, DatasetInput, DatasetStatus } from './types';
import { STATUS_LABEL_ZH } from './types';

interface DatasetRow {
  id: string;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  legal_basis: string;
  clause: string;
  cadence: Cadence;
  period_kind: PeriodKind;
  season_start_month: number | null;
  season_end_month: number | null;
  due_offset: string;
  due_time: string;
  first_period: string | null;
  lead_time: string | null;
  requires_interpretation: boolean;
  licence: string;
  themes: string[];
  tags: string[];
  disclosure: DatasetDisclosure;
  status: DatasetStatus;
  status_date: string | null;
  status_reason: string | null;
  is_sample: boolean;
  graphql_name: string | null;
  current_version: number | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = [
  'id',
  'title_zh',
  'title_en',
  'description_zh',
  'description_en',
  'legal_basis',
  'clause',
  'cadence',
  'period_kind',
  'season_start_month',
  'season_end_month',
  'due_offset',
  'due_time',
  'first_period',
  'lead_time',
  'requires_interpretation',
  'licence',
  'themes',
  'tags',
  'disclosure',
  'status',
  'status_date',
  'status_reason',
  'is_sample',
  'graphql_name',
  'current_version',
  'created_at',
  'updated_at',
].map((c) => `datasets.${c}`);

function toDataset(r: DatasetRow, agencies: Agency[]): Dataset {
  return {
    id: r.id,
    title: { zh: r.title_zh, en: r.title_en },
    description: { zh: r.description_zh, en: r.description_en },
    agencies,
    legalBasis: r.legal_basis,
    clause: r.clause,
    cadence: r.cadence,
    periodKind: r.period_kind,
    season:
      r.season_start_month === null || r.season_end_month === null
        ? null
        : { startMonth: r.season_start_month, endMonth: r.season_end_month },
    dueRule: { offset: r.due_offset, time: r.due_time },
    firstPeriod: r.first_period,
    leadTime: r.lead_time,
    requiresInterpretation: r.requires_interpretation,
    licence: r.licence,
    themes: r.themes,
    tags: r.tags,
    disclosure: r.disclosure,
    status: {
      status: r.status,
      label: STATUS_LABEL_ZH[r.status],
      date: r.status_date,
      reason: r.status_reason,
    },
    isSample: r.is_sample,
    graphqlName: r.graphql_name,
    currentVersion: r.current_version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

async function agenciesFor(knex: Knex, ids: string[]): Promise<Map<string, Agency[]>> {
  const rows = (await knex('dataset_agencies as da')
    .join('agencies as a', 'a.id', 'da.agency_id')
    .whereIn('da.dataset_id', ids)
    .orderBy([{ column: 'da.dataset_id' }, { column: 'da.position' }])
    .select('da.dataset_id', 'a.id', 'a.name_zh', 'a.name_en', 'a.homepage')) as Array<{
    dataset_id: string;
    id: string;
    name_zh: string;
    name_en: string;
    homepage: string | null;
  }>;
  const byDataset = groupBy(rows, (r) => r.dataset_id);
  return new Map([...byDataset].map(([id, list]) => [id, list.map(toAgency)]));
}

/** Dataset rows as datasets, their agencies read in one more round trip. */
async function withAgencies(knex: Knex, rows: DatasetRow[]): Promise<Dataset[]> {
  if (rows.length === 0) return [];
  const agencies = await agenciesFor(
    knex,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDataset(r, agencies.get(r.id) ?? []));
}

export interface DatasetQuery {
  /** Pre-tokenised search terms; every term must match. */
  searchTerms?: string[];
  agency?: string;
  cadence?: Cadence;
  status?: DatasetStatus;
  limit: number;
  offset: number;
}

function filtered(knex: Knex, q: DatasetQuery): Knex.QueryBuilder {
  const query = knex('datasets');
  if (q.searchTerms && q.searchTerms.length > 0) {
    query.whereRaw(`datasets.search_vector @@ plainto_tsquery('simple', ?)`, [q.searchTerms.join(' ')]);
  }
  if (q.agency) {
    query.whereExists(
      knex('dataset_agencies')
        .whereRaw('dataset_agencies.dataset_id = datasets.id')
        .andWhere('agency_id', q.agency),
    );
  }
  if (q.cadence) query.where('datasets.cadence', q.cadence);
  if (q.status) query.where('datasets.status', q.status);
  return query;
}

export async function findDatasets(
  knex: Knex,
  q: DatasetQuery,
): Promise<{ items: Dataset[]; total: number }> {
  const [countRow] = await filtered(knex, q).count<{ count: number }[]>('* as count');
  const query = filtered(knex, q).select(COLUMNS).limit(q.limit).offset(q.offset);
  if (q.searchTerms && q.searchTerms.length > 0) {
    query.orderByRaw(`ts_rank(datasets.search_vector, plainto_tsquery('simple', ?)) DESC, datasets.id`, [
      q.searchTerms.join(' '),
    ]);
  } else {
    query.orderBy('datasets.id');
  }
  return {
    items: await withAgencies(knex, (await query) as DatasetRow[]),
    total: Number(countRow?.count ?? 0),
  };
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface DatasetFacets {
  agency: FacetCount[];
  theme: FacetCount[];
  cadence: FacetCount[];
  status: FacetCount[];
}

const byCount = (rows: ReadonlyArray<Record<string, unknown>>): FacetCount[] =>
  rows
    .map((r) => ({ value: String(r.value), count: Number(r.count) }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));

/** How the datasets matching a query divide by agency, theme, cadence and status. */
export async function datasetFacets(knex: Knex, q: DatasetQuery): Promise<DatasetFacets> {
  const ids = filtered(knex, q).select('datasets.id');
  const column = (name: 'cadence' | 'status') =>
    filtered(knex, q).select(`datasets.${name} as value`).count('* as count').groupBy(`datasets.${name}`);
  const [agency, theme, cadence, status] = await Promise.all([
    knex('dataset_agencies')
      .whereIn('dataset_id', ids)
      .select('agency_id as value')
      .countDistinct('dataset_id as count')
      .groupBy('agency_id'),
    knex
      .select('t.value')
      .count('* as count')
      .from(filtered(knex, q).select('datasets.themes').as('d'))
      .joinRaw('cross join jsonb_array_elements_text(d.themes) as t(value)')
      .groupBy('t.value'),
    column('cadence'),
    column('status'),
  ]);
  return {
    agency: byCount(agency),
    theme: byCount(theme),
    cadence: byCount(cadence),
    status: byCount(status),
  };
}

export async function findDataset(knex: Knex, id: string): Promise<Dataset | undefined> {
  return (await findDatasetsByIds(knex, [id])).get(id);
}

/**
 * What generated APIs depend on, for every dataset: id, GraphQL name, current schema version
 * and last update, one line each. Cheap enough to ask often; equal text means nothing changed.
 */
export async function datasetCatalogStamp(knex: Knex): Promise<string> {
  const rows = (await knex('datasets')
    .select('id', 'graphql_name', 'current_version', 'updated_at')
    .orderBy('id')) as Array<{
    id: string;
    graphql_name: string | null;
    current_version: number | null;
    updated_at: Date;
  }>;
  return rows
    .map((r) => `${r.id}\t${r.graphql_name ?? ''}\t${r.current_version ?? ''}\t${r.updated_at.toISOString()}`)
    .join('\n');
}

/** Every dataset, by id, in two round trips. */
export async function allDatasets(knex: Knex): Promise<Dataset[]> {
  return withAgencies(knex, (await knex('datasets').select(COLUMNS).orderBy('id')) as DatasetRow[]);
}

/** Datasets by id in two round trips whatever their number; unknown ids are absent. */
export async function findDatasetsByIds(knex: Knex, ids: readonly string[]): Promise<Map<string, Dataset>> {
  const rows = (await knex('datasets').whereIn('id', ids).select(COLUMNS)) as DatasetRow[];
  return new Map((await withAgencies(knex, rows)).map((d) => [d.id, d]));
}

export async function insertDataset(
  knex: Knex,
  d: Required<Omit<DatasetInput, 'season'>> & Pick<DatasetInput, 'season'>,
) {
  await knex('datasets').insert({
    id: d.id,
    title_zh: d.title.zh,
    title_en: d.title.en,
    description_zh: d.description.zh,
    description_en: d.description.en,
    legal_basis: d.legalBasis,
    clause: d.clause,
    cadence: d.cadence,
    period_kind: d.periodKind,
    season_start_month: d.season?.startMonth ?? null,
    season_end_month: d.season?.endMonth ?? null,
    due_offset: d.dueRule.offset,
    due_time: d.dueRule.time,
    first_period: d.firstPeriod,
    lead_time: d.leadTime,
    requires_interpretation: d.requiresInterpretation,
    licence: d.licence,
    themes: JSON.stringify(d.themes),
    tags: JSON.stringify(d.tags),
    disclosure: d.disclosure,
    is_sample: d.isSample,
    graphql_name: d.graphqlName,
  });
  await knex('dataset_agencies').insert(
    d.agencies.map((agencyId, position) => ({
      dataset_id: d.id,
      agency_id: agencyId,
      role: position === 0 ? 'lead' : 'partner',
      position,
    })),
  );
}

export async function updateDatasetStatus(
  knex: Knex,
  id: string,
  mark: { status: DatasetStatus; date: string | null; reason: string | null },
): Promise<void> {
  await knex('datasets').where({ id }).update({
    status: mark.status,
    status_date: mark.date,
    status_reason: mark.reason,
    updated_at: knex.fn.now(),
  });
}

export async function setCurrentVersion(knex: Knex, id: string, version: number): Promise<void> {
  await knex('datasets').where({ id }).update({ current_version: version, updated_at: knex.fn.now() });
}

/** Search tokens by weight: A (title) ranks above B, C and D, as ts_rank weighs them. */
export type WeightedTokens = Record<'A' | 'B' | 'C' | 'D', string>;

export async function setSearchText(knex: Knex, id: string, tokens: WeightedTokens): Promise<void> {
  const weights = ['A', 'B', 'C', 'D'] as const;
  const vector = weights.map((w) => `setweight(to_tsvector('simple', ?), '${w}')`).join(' || ');
  await knex('datasets')
    .where({ id })
    .update({
      search_vector: knex.raw(
        vector,
        weights.map((w) => tokens[w]),
      ),
    });
}

export async function lockDataset(knex: Knex, id: string): Promise<boolean> {
  const row = await knex('datasets').where({ id }).forUpdate().first('id');
  return row !== undefined;
}
