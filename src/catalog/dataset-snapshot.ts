import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { findDataset } from './datasets.repo';
import { listReleases, type ReleaseRecord } from './releases.repo';
import { listSchemaVersions, type SchemaVersion } from './schema-versions.repo';
import type { Dataset } from './types';

/**
 * Everything a read needs about one dataset: its record, every schema version and every
 * release including scheduled ones. Visibility is decided per request from publishAt, so
 * an embargo lifts by itself at the right instant with nothing to invalidate.
 */
export interface DatasetSnapshot {
  dataset: Dataset;
  versions: SchemaVersion[];
  releases: ReleaseRecord[];
  loadedAt: number;
}

// Writes in this process invalidate at once. The short age bound is only the safety net
// for writes made by another instance against the same database.
const MAX_AGE_MS = 2_000;
const FAR_FUTURE = new Date(8.64e15);
const caches = new WeakMap<object, Map<string, Promise<DatasetSnapshot>>>();

function cacheFor(knex: Knex): Map<string, Promise<DatasetSnapshot>> {
  const key = knex.client as object;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map()));
  return cache;
}

async function load(knex: Knex, id: string): Promise<DatasetSnapshot> {
  const dataset = await findDataset(knex, id);
  if (!dataset) throw new NotFoundError('dataset_not_found', `No dataset with id ${id}`, { dataset: id });
  const [versions, releases] = await Promise.all([
    listSchemaVersions(knex, id),
    listReleases(knex, id, { includeScheduled: true, now: FAR_FUTURE }),
  ]);
  return { dataset, versions, releases, loadedAt: Date.now() };
}

export async function datasetSnapshot(knex: Knex, id: string): Promise<DatasetSnapshot> {
  if (knex.isTransaction) return load(knex, id);
  const cache = cacheFor(knex);
  const hit = cache.get(id);
  if (hit) {
    const snap = await hit.catch(() => undefined);
    if (snap && Date.now() - snap.loadedAt < MAX_AGE_MS) return snap;
  }
  const fresh = load(knex, id);
  cache.set(id, fresh);
  fresh.catch(() => cache.delete(id));
  return fresh;
}

export function invalidateDatasetSnapshot(knex: Knex, id: string): void {
  cacheFor(knex).delete(id);
}

/** For each period, the newest revision public at `at`: the same rule as visibleReleases. */
export function visibleAt(releases: readonly ReleaseRecord[], at: Date): ReleaseRecord[] {
  const best = new Map<string, ReleaseRecord>();
  for (const r of releases) {
    if (r.publishAt > at) continue;
    const cur = best.get(r.period);
    if (!cur || r.revision > cur.revision) best.set(r.period, r);
  }
  return [...best.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}
