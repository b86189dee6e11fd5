import type { Knex } from 'knex';
import { groupBy } from './group-by';

export type ReleaseStatus = 'published' | 'scheduled' | 'superseded';

export interface ReleaseRecord {
  id: number;
  datasetId: string;
  period: string;
  revision: number;
  schemaVersionId: number;
  schemaVersion: number;
  rowCount: number;
  sha256: string;
  /** Size of the canonical data.csv; null only for releases published before it was recorded. */
  bytes: number | null;
  publishAt: Date;
  createdBy: string;
  note: string | null;
  revisionReason: string | null;
  createdAt: Date;
}

/** A `releases` row joined with its schema version's number (columns: RELEASE_COLUMNS). */
export interface ReleaseRow {
  id: number;
  dataset_id: string;
  period: string;
  revision: number;
  schema_version_id: number;
  schema_version: number;
  row_count: number;
  sha256: string;
  byte_count: number | string | null;
  publish_at: Date;
  created_by: string;
  note: string | null;
  revision_reason: string | null;
  created_at: Date;
}

export const RELEASE_COLUMNS = [
  'r.id',
  'r.dataset_id',
  'r.period',
  'r.revision',
  'r.schema_version_id',
  'v.version as schema_version',
  'r.row_count',
  'r.sha256',
  'r.byte_count',
  'r.publish_at',
  'r.created_by',
  'r.note',
  'r.revision_reason',
  'r.created_at',
];

export const toReleaseRecord = (r: ReleaseRow): ReleaseRecord => ({
  id: Number(r.id),
  datasetId: r.dataset_id,
  period: r.period,
  revision: r.revision,
  schemaVersionId: r.schema_version_id,
  schemaVersion: r.schema_version,
  rowCount: r.row_count,
  sha256: r.sha256,
  // bigint comes back as text from pg.
  bytes: r.byte_count === null ? null : Number(r.byte_count),
  publishAt: r.publish_at,
  createdBy: r.created_by,
  note: r.note,
  revisionReason: r.revision_reason,
  createdAt: r.created_at,
});

function base(knex: Knex, datasetId: string): Knex.QueryBuilder {
  return knex('releases as r')
    .join('schema_versions as v', 'v.id', 'r.schema_version_id')
    .where('r.dataset_id', datasetId)
    .select(RELEASE_COLUMNS);
}

/**
 * What the public could see at `at`: for each period, the newest revision whose
 * publish time had passed. Embargoed releases are invisible by construction.
 */
export async function visibleReleases(knex: Knex, datasetId: string, at: Date): Promise<ReleaseRecord[]> {
  const rows = (await base(knex, datasetId)
    .where('r.publish_at', '<=', at)
    .distinctOn('r.period')
    .orderBy([{ column: 'r.period' }, { column: 'r.revision', order: 'desc' }])) as ReleaseRow[];
  return rows.map(toReleaseRecord);
}

export interface ReleaseListOptions {
  /** Embargoed releases are listed only to their own agency and to admins. */
  includeScheduled: boolean;
  now: Date;
  period?: string;
}

export async function listReleases(
  knex: Knex,
  datasetId: string,
  o: ReleaseListOptions,
): Promise<ReleaseRecord[]> {
  const q = base(knex, datasetId).orderBy([{ column: 'r.period' }, { column: 'r.revision' }]);
  if (!o.includeScheduled) q.where('r.publish_at', '<=', o.now);
  if (o.period) q.where('r.period', o.period);
  return ((await q) as ReleaseRow[]).map(toReleaseRecord);
}

/** Every release of many datasets, scheduled ones included, in one round trip; by period, then revision. */
export async function releasesOf(
  knex: Knex,
  datasetIds: readonly string[],
): Promise<Map<string, ReleaseRecord[]>> {
  const rows = (await knex('releases as r')
    .join('schema_versions as v', 'v.id', 'r.schema_version_id')
    .whereIn('r.dataset_id', datasetIds)
    .select(RELEASE_COLUMNS)
    .orderBy([{ column: 'r.dataset_id' }, { column: 'r.period' }, { column: 'r.revision' }])) as ReleaseRow[];
  return groupBy(rows.map(toReleaseRecord), (r) => r.datasetId);
}

export async function findRelease(knex: Knex, id: number): Promise<ReleaseRecord | undefined> {
  const row = (await knex('releases as r')
    .join('schema_versions as v', 'v.id', 'r.schema_version_id')
    .where('r.id', id)
    .first(RELEASE_COLUMNS)) as ReleaseRow | undefined;
  return row ? toReleaseRecord(row) : undefined;
}

export async function latestRevision(knex: Knex, datasetId: string, period: string): Promise<number> {
  const row = await knex('releases')
    .where({ dataset_id: datasetId, period })
    .max<{ max: number | null }>('revision as max')
    .first();
  return row?.max ?? 0;
}

export interface NewRelease {
  datasetId: string;
  period: string;
  periodStart: string;
  revision: number;
  schemaVersionId: number;
  publishAt: Date;
  createdBy: string;
  note: string | null;
  revisionReason: string | null;
}

/** Inserted before its rows (they reference it); row count and checksum are filled in last. */
export async function insertRelease(knex: Knex, r: NewRelease): Promise<number> {
  const [row] = await knex('releases')
    .insert({
      dataset_id: r.datasetId,
      period: r.period,
      period_start: r.periodStart,
      revision: r.revision,
      schema_version_id: r.schemaVersionId,
      row_count: 0,
      sha256: '0'.repeat(64),
      publish_at: r.publishAt,
      created_by: r.createdBy,
      note: r.note,
      revision_reason: r.revisionReason,
    })
    .returning('id');
  return Number((row as { id: number }).id);
}

export async function completeRelease(
  knex: Knex,
  id: number,
  rowCount: number,
  sha256: string,
  bytes: number,
): Promise<void> {
  await knex('releases').where({ id }).update({ row_count: rowCount, sha256, byte_count: bytes });
}

/** Records the measured size of a release published before sizes were stored (once: never overwrites). */
export async function recordReleaseBytes(knex: Knex, id: number, bytes: number): Promise<void> {
  await knex('releases').where({ id }).whereNull('byte_count').update({ byte_count: bytes });
}

export interface DatasetStats {
  releaseCount: number;
  rowCount: number;
  firstPeriod: string | null;
  lastPeriod: string | null;
  lastUpdated: Date | null;
}

/** Catalog figures over visible releases only, so an embargo never leaks through counts. */
export async function visibleStats(
  knex: Knex,
  datasetIds: string[],
  at: Date,
): Promise<Map<string, DatasetStats>> {
  if (datasetIds.length === 0) return new Map();
  const visible = knex('releases')
    .whereIn('dataset_id', datasetIds)
    .where('publish_at', '<=', at)
    .distinctOn('dataset_id', 'period')
    .orderBy([{ column: 'dataset_id' }, { column: 'period' }, { column: 'revision', order: 'desc' }])
    .select('dataset_id', 'period', 'row_count', 'publish_at');
  const rows = (await knex
    .from(visible.as('v'))
    .groupBy('dataset_id')
    .select(
      'dataset_id',
      knex.raw('count(*)::int as release_count'),
      knex.raw('coalesce(sum(row_count), 0)::bigint as row_count'),
      knex.raw('min(period) as first_period'),
      knex.raw('max(period) as last_period'),
      knex.raw('max(publish_at) as last_updated'),
    )) as Array<{
    dataset_id: string;
    release_count: number;
    row_count: number;
    first_period: string;
    last_period: string;
    last_updated: Date;
  }>;
  return new Map(
    rows.map((r) => [
      r.dataset_id,
      {
        releaseCount: r.release_count,
        rowCount: Number(r.row_count),
        firstPeriod: r.first_period,
        lastPeriod: r.last_period,
        lastUpdated: r.last_updated,
      },
    ]),
  );
}

export function releaseStatus(r: ReleaseRecord, all: readonly ReleaseRecord[], now: Date): ReleaseStatus {
  if (r.publishAt > now) return 'scheduled';
  const newer = all.some((o) => o.period === r.period && o.revision > r.revision && o.publishAt <= now);
  return newer ? 'superseded' : 'published';
}

/** When a period first became public, its revisions, and when its first interpretation did. */
export interface FirstPublicationRecord {
  publishAt: Date;
  revisions: number;
  interpretedAt: Date | null;
}

/**
 * For each period of each dataset, when it first became (or becomes) public and how many
 * revisions it has. Includes embargoed releases: the calendar shows their time, never
 * their contents, so nothing else is read.
 */
export async function firstPublications(
  knex: Knex,
  datasetIds: readonly string[],
): Promise<Map<string, Map<string, FirstPublicationRecord>>> {
  const out = new Map<string, Map<string, FirstPublicationRecord>>();
  if (datasetIds.length === 0) return out;
  // An interpretation counts from when it was added or its release became public, whichever is later.
  const rows = (await knex('releases as r')
    .leftJoin('release_interpretations as i', 'i.release_id', 'r.id')
    .whereIn('r.dataset_id', datasetIds)
    .groupBy('r.dataset_id', 'r.period')
    .select(
      'r.dataset_id',
      'r.period',
      knex.raw('min(r.publish_at) as first_publish_at'),
      knex.raw('count(*)::int as revisions'),
      // GREATEST skips nulls, so a release without an interpretation must stay null explicitly.
      knex.raw(
        'min(CASE WHEN i.release_id IS NULL THEN NULL ELSE greatest(i.created_at, r.publish_at) END) as first_interpreted_at',
      ),
    )) as Array<{
    dataset_id: string;
    period: string;
    first_publish_at: Date | string;
    revisions: number;
    first_interpreted_at: Date | string | null;
  }>;
  for (const r of rows) {
    let periods = out.get(r.dataset_id);
    if (!periods) out.set(r.dataset_id, (periods = new Map()));
    periods.set(r.period, {
      publishAt: new Date(r.first_publish_at),
      revisions: Number(r.revisions),
      interpretedAt: r.first_interpreted_at === null ? null : new Date(r.first_interpreted_at),
    });
  }
  return out;
}

export interface PagedRelease extends ReleaseRecord {
  /** The newest visible revision of the same period: lower revisions are superseded. */
  latestRevision: number;
}

/**
 * One page of a dataset's visible history, paged by period (newest first) so that a
 * period's revisions are never split across pages; every revision of the page's periods
 * comes with it, newest first. Total periods are `visibleStats(…).releaseCount`.
 */
export async function releasePage(
  knex: Knex,
  datasetId: string,
  o: { now: Date; limit: number; offset: number },
): Promise<PagedRelease[]> {
  const ranked = base(knex, datasetId)
    .where('r.publish_at', '<=', o.now)
    .select(
      knex.raw('dense_rank() over (order by r.period desc) as period_rank'),
      knex.raw('max(r.revision) over (partition by r.period) as latest_revision'),
    );
  const rows = (await knex
    .from(ranked.as('x'))
    .where('period_rank', '>', o.offset)
    .andWhere('period_rank', '<=', o.offset + o.limit)
    .orderBy([
      { column: 'period', order: 'desc' },
      { column: 'revision', order: 'desc' },
    ])
    .select('*')) as Array<ReleaseRow & { latest_revision: number }>;
  return rows.map((r) => ({ ...toReleaseRecord(r), latestRevision: Number(r.latest_revision) }));
}
