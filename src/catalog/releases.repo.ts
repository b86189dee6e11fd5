import type { Knex } from 'knex';
import { groupBy } from './group-by';
import {
  publicAtCondition,
  whereListedAt,
  whereNotWithdrawn,
  wherePublicAt,
  type Withdrawal,
} from './visibility';

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
  /** Set once a manager withdraws the release; its rows stay stored for reads as of before. */
  withdrawal: Withdrawal | null;
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
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  withdrawn_by: string | null;
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
  'r.withdrawn_at',
  'r.withdrawn_reason',
  'r.withdrawn_by',
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
  withdrawal:
    r.withdrawn_at === null
      ? null
      : { at: r.withdrawn_at, reason: r.withdrawn_reason ?? '', by: r.withdrawn_by ?? '' },
});

function base(knex: Knex, datasetId: string): Knex.QueryBuilder {
  return knex('releases as r')
    .join('schema_versions as v', 'v.id', 'r.schema_version_id')
    .where('r.dataset_id', datasetId)
    .select(RELEASE_COLUMNS);
}

export interface ReleaseListOptions {
  /**
   * Embargoed releases, and releases withdrawn while embargoed, are listed only to their own
   * agency and to admins; everyone sees the tombstones of releases withdrawn after publication.
   */
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
  if (!o.includeScheduled) whereListedAt(q, o.now);
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

/**
 * A published release whose bytes hash to `sha256` (the oldest, should two releases hold
 * identical bytes: their downloads are the same file). Embargoed ones are not found, so a
 * checksum never tells whether a scheduled release exists. A withdrawn release that was
 * public stays found: a content address names bytes that were served and may be cited
 * (`…/data.csv?asOf=` before the withdrawal redirects here), while what is current is said
 * by the mutable URL (410) and the release lists. One withdrawn under embargo was never
 * public and is not found.
 */
export async function publishedReleaseBySha256(
  knex: Knex,
  sha256: string,
  now: Date,
): Promise<ReleaseRecord | undefined> {
  const row = (await knex('releases as r')
    .join('schema_versions as v', 'v.id', 'r.schema_version_id')
    .where('r.sha256', sha256)
    .modify((q) => whereListedAt(q, now))
    .orderBy('r.id')
    .first(RELEASE_COLUMNS)) as ReleaseRow | undefined;
  return row ? toReleaseRecord(row) : undefined;
}

export async function findRelease(knex: Knex, id: number): Promise<ReleaseRecord | undefined> {
  const row = (await knex('releases as r')
    .join('schema_versions as v', 'v.id', 'r.schema_version_id')
    .where('r.id', id)
    .first(RELEASE_COLUMNS)) as ReleaseRow | undefined;
  return row ? toReleaseRecord(row) : undefined;
}

/** One revision of a period, locked until the transaction ends (a withdrawal decides on it). */
export async function lockRelease(
  knex: Knex,
  datasetId: string,
  period: string,
  revision: number,
): Promise<ReleaseRecord | undefined> {
  const locked = (await knex('releases')
    .where({ dataset_id: datasetId, period, revision })
    .forUpdate()
    .first('id')) as { id: number } | undefined;
  return locked ? findRelease(knex, Number(locked.id)) : undefined;
}

/** Marks a release withdrawn; false when it already was (its first withdrawal stands). */
export async function markWithdrawn(knex: Knex, id: number, w: Withdrawal): Promise<boolean> {
  const n = await knex('releases')
    .where({ id })
    .whereNull('withdrawn_at')
    .update({ withdrawn_at: w.at, withdrawn_reason: w.reason, withdrawn_by: w.by });
  return n === 1;
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
  const visible = wherePublicAt(knex('releases').whereIn('dataset_id', datasetIds), at, 'releases')
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

/** When a period first became public, its revisions, and when its first interpretation did. */
export interface FirstPublicationRecord {
  publishAt: Date;
  revisions: number;
  interpretedAt: Date | null;
}

/**
 * For each period of each dataset, when it first became (or becomes) public and how many
 * revisions it has. Includes embargoed releases: the calendar shows their time, never
 * their contents, so nothing else is read. Withdrawn releases do not count: a period whose
 * every revision was withdrawn is missing again, and its timeliness with it.
 */
export async function firstPublications(
  knex: Knex,
  datasetIds: readonly string[],
): Promise<Map<string, Map<string, FirstPublicationRecord>>> {
  const out = new Map<string, Map<string, FirstPublicationRecord>>();
  if (datasetIds.length === 0) return out;
  // An interpretation counts from when it was added or its release became public, whichever is later.
  const rows = (await whereNotWithdrawn(
    knex('releases as r')
      .leftJoin('release_interpretations as i', 'i.release_id', 'r.id')
      .whereIn('r.dataset_id', datasetIds),
  )
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
  /** The newest public revision of the same period (lower ones are superseded); null if all are withdrawn. */
  latestRevision: number | null;
}

/**
 * One page of a dataset's public history, paged by period (newest first) so that a
 * period's revisions are never split across pages; every revision of the page's periods
 * comes with it, newest first, tombstones of withdrawn ones included. Total periods are
 * `listedPeriodCount`.
 */
export async function releasePage(
  knex: Knex,
  datasetId: string,
  o: { now: Date; limit: number; offset: number },
): Promise<PagedRelease[]> {
  const current = publicAtCondition(o.now);
  const ranked = whereListedAt(base(knex, datasetId), o.now).select(
    knex.raw('dense_rank() over (order by r.period desc) as period_rank'),
    knex.raw(
      `max(CASE WHEN ${current.sql} THEN r.revision END) over (partition by r.period) as latest_revision`,
      current.bindings,
    ),
  );
  const rows = (await knex
    .from(ranked.as('x'))
    .where('period_rank', '>', o.offset)
    .andWhere('period_rank', '<=', o.offset + o.limit)
    .orderBy([
      { column: 'period', order: 'desc' },
      { column: 'revision', order: 'desc' },
    ])
    .select('*')) as Array<ReleaseRow & { latest_revision: number | null }>;
  return rows.map((r) => ({
    ...toReleaseRecord(r),
    latestRevision: r.latest_revision === null ? null : Number(r.latest_revision),
  }));
}

/** Periods in a dataset's public history (`releasePage`), tombstones included. */
export async function listedPeriodCount(knex: Knex, datasetId: string, now: Date): Promise<number> {
  const row = (await whereListedAt(knex('releases as r').where('r.dataset_id', datasetId), now)
    .countDistinct<{ n: number | string }>('r.period as n')
    .first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}
