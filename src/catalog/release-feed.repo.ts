import type { Knex } from 'knex';
import { wherePublicAt } from './visibility';
import { RELEASE_COLUMNS, toReleaseRecord, type ReleaseRecord, type ReleaseRow } from './releases.repo';

export interface FeedRelease {
  release: ReleaseRecord;
  /** When the entry last changed: its publication, or a later interpretation (解读) added or edited. */
  updatedAt: Date;
}

/**
 * Releases and revisions as news, most recently changed first: every revision that is
 * public at `now` by the one visibility rule (an embargoed one appears the moment it lifts,
 * and not before; a withdrawn one is no longer news to follow), of the
 * given datasets (all when absent). An interpretation written before its release became
 * public counts from the publication, so it cannot move an entry ahead of its time.
 */
export async function feedReleases(
  knex: Knex,
  o: { datasetIds?: readonly string[]; now: Date; limit: number },
): Promise<FeedRelease[]> {
  const q = knex('releases as r')
    .join('schema_versions as v', 'v.id', 'r.schema_version_id')
    .leftJoin('release_interpretations as i', 'i.release_id', 'r.id')
    .select(RELEASE_COLUMNS)
    .select(knex.raw('greatest(r.publish_at, coalesce(i.updated_at, r.publish_at)) as entry_updated'))
    .orderByRaw('entry_updated desc, r.id desc')
    .limit(o.limit);
  wherePublicAt(q, o.now);
  if (o.datasetIds) q.whereIn('r.dataset_id', o.datasetIds);
  const rows = (await q) as Array<ReleaseRow & { entry_updated: Date | string }>;
  return rows.map((r) => ({ release: toReleaseRecord(r), updatedAt: new Date(r.entry_updated) }));
}
