import type { Knex } from 'knex';
import { raiseReadFloor, walPositionAfterLoad } from '../db';
import { NotFoundError } from '../errors';
import { findDatasetsByIds } from './datasets.repo';
import { releasesOf, type ReleaseRecord } from './releases.repo';
import { schemaVersionsOf, type SchemaVersion } from './schema-versions.repo';
import type { Dataset } from './types';

/**
 * Everything a read needs about one dataset: its record, every schema version and every
 * release including scheduled and withdrawn ones. Visibility is decided per request by the
 * rule in visibility.ts, so an embargo lifts by itself at the right instant with nothing to
 * invalidate (a withdrawal is a write and invalidates like a publish).
 */
export interface DatasetSnapshot {
  dataset: Dataset;
  versions: SchemaVersion[];
  releases: ReleaseRecord[];
  loadedAt: number;
  /**
   * With read replicas: the primary's WAL position once this state was read. Row reads
   * based on it go only to a replica that has replayed that far (db/wal-position.ts).
   */
  walLsn?: bigint;
}

// Writes invalidate at once: in this process directly, in every other process through the
// LISTEN/NOTIFY feed (db/change-feed.ts). The short age bound is the safety net for a feed
// that is reconnecting and for writes made outside the API (psql).
const MAX_AGE_MS = 2_000;
const caches = new WeakMap<object, Map<string, Promise<DatasetSnapshot>>>();

function cacheFor(knex: Knex): Map<string, Promise<DatasetSnapshot>> {
  const key = knex.client as object;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map()));
  return cache;
}

/** The error every read of an unknown dataset id gives. */
export const datasetNotFound = (id: string) =>
  new NotFoundError('dataset_not_found', `No dataset with id ${id}`, { dataset: id });

/**
 * A dataset defined but without a schema version yet: one answer for every path that needs
 * its schema (reads and uploads alike), as there is nothing yet to read or to fill.
 */
export const noSchema = (id: string) =>
  new NotFoundError('no_schema', `Dataset ${id} has no schema version yet`, { dataset: id });

/** Three round trips for any number of datasets; unknown ids are absent from the result. */
async function load(knex: Knex, ids: readonly string[]): Promise<Map<string, DatasetSnapshot>> {
  const [datasets, versions, releases] = await Promise.all([
    findDatasetsByIds(knex, ids),
    schemaVersionsOf(knex, ids),
    releasesOf(knex, ids),
  ]);
  const walLsn = await walPositionAfterLoad(knex);
  const loadedAt = Date.now();
  return new Map(
    [...datasets].map(([id, dataset]) => [
      id,
      { dataset, versions: versions.get(id) ?? [], releases: releases.get(id) ?? [], loadedAt, walLsn },
    ]),
  );
}

/**
 * A reload that found nothing new keeps the old WAL position: the replicas have that state
 * already, so the reads need not wait for them to replay the primary's latest unrelated writes.
 */
function sameState(a: DatasetSnapshot, b: DatasetSnapshot): boolean {
  const key = (s: DatasetSnapshot) =>
    JSON.stringify([
      s.dataset.updatedAt,
      s.dataset.status,
      s.versions.map((v) => v.id),
      s.releases.map((r) => [r.id, r.sha256, r.publishAt.getTime(), r.withdrawal?.at.getTime() ?? null]),
    ]);
  return key(a) === key(b);
}

export async function datasetSnapshot(knex: Knex, id: string): Promise<DatasetSnapshot> {
  const snapshot = (await datasetSnapshots(knex, [id])).get(id);
  if (!snapshot) throw datasetNotFound(id);
  return snapshot;
}

/**
 * Snapshots of many datasets (a catalog page in GraphQL): fresh cached ones are reused and
 * the rest are loaded together, so the cost does not grow with the number of datasets.
 * Unknown ids are absent from the result.
 */
export async function datasetSnapshots(
  knex: Knex,
  ids: readonly string[],
): Promise<Map<string, DatasetSnapshot>> {
  if (knex.isTransaction) return load(knex, ids);
  const cache = cacheFor(knex);
  const found = new Map<string, DatasetSnapshot>();
  const cached = await Promise.all(
    ids.map(async (id) => [id, await cache.get(id)?.catch(() => undefined)] as const),
  );
  for (const [id, snap] of cached) {
    if (snap && Date.now() - snap.loadedAt < MAX_AGE_MS) found.set(id, snap);
  }
  const missing = [...new Set(ids.filter((id) => !found.has(id)))];
  if (missing.length > 0) {
    const previous = new Map(cached.filter(([, s]) => s !== undefined) as Array<[string, DatasetSnapshot]>);
    const batch = load(knex, missing).then((m) => {
      for (const [id, snap] of m) {
        const before = previous.get(id);
        if (before?.walLsn !== undefined && sameState(before, snap)) snap.walLsn = before.walLsn;
      }
      return m;
    });
    for (const id of missing) {
      const one = batch.then((m) => m.get(id) ?? Promise.reject(datasetNotFound(id)));
      cache.set(id, one);
      one.catch(() => cache.delete(id));
    }
    for (const [id, snap] of await batch) found.set(id, snap);
  }
  for (const snap of found.values()) raiseReadFloor(snap.walLsn);
  return found;
}

export function invalidateDatasetSnapshot(knex: Knex, id: string): void {
  cacheFor(knex).delete(id);
}

/** After the change feed was down: any snapshot may be stale. */
export function invalidateAllDatasetSnapshots(knex: Knex): void {
  cacheFor(knex).clear();
}
