import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import {
  currentReleases,
  datasetSnapshot,
  isListedAt,
  isPublicAt,
  isPublishedBy,
  isWithdrawnAt,
  type Dataset,
  type DatasetSnapshot,
  type ReleaseRecord,
  type SchemaVersion,
  noSchema,
} from '../catalog';
import { GoneError, NotFoundError } from '../errors';
import type { VersionSelector } from './spec';

/** Everything a read needs to know about which rows it may see, and how to name that state. */
export interface ReleaseScope {
  dataset: Dataset;
  version: SchemaVersion;
  releases: ReleaseRecord[];
  /** Identifies exactly the set of releases read; part of every citation and ETag. */
  dataVersion: string;
  lastModified: Date | null;
  /** The instant the data was read as of (never later than now: embargoes hold). */
  asOf: Date;
  /** True when every release stored in this generation is in scope (nothing embargoed or superseded). */
  coversStorage: boolean;
  /** The ids of every release stored in this generation, in scope or not, ascending. */
  storedIds: readonly number[];
}

function pickVersion(dataset: Dataset, versions: SchemaVersion[], wanted: number | undefined): SchemaVersion {
  const n = wanted ?? dataset.currentVersion;
  const v = versions.find((x) => x.version === n);
  if (!v) {
    throw new NotFoundError(
      'schema_version_not_found',
      `Dataset ${dataset.id} has no schema version ${String(n)}`,
      {
        dataset: dataset.id,
        parameter: 'schemaVersion',
        version: n,
      },
    );
  }
  return v;
}

function selectReleases(
  all: readonly ReleaseRecord[],
  dataset: Dataset,
  sel: VersionSelector,
  at: Date,
): ReleaseRecord[] {
  if (sel.releaseId !== undefined) {
    const named = all.find((x) => x.id === sel.releaseId);
    if (named && isWithdrawnAt(named, at) && isListedAt(named, at)) throw releaseWithdrawn(named);
    const r = named && isPublicAt(named, at) ? named : undefined;
    if (!r) {
      throw new NotFoundError(
        'release_not_found',
        `Dataset ${dataset.id} has no published release ${sel.releaseId}`,
        {
          dataset: dataset.id,
          parameter: 'release',
          release: sel.releaseId,
        },
      );
    }
    return [r];
  }
  if (sel.revision !== undefined) return all.filter((r) => r.revision === sel.revision && isPublicAt(r, at));
  return currentReleases(all, at);
}

/** A release that was public and has been withdrawn: 410, with when and why. */
export function releaseWithdrawn(r: ReleaseRecord): GoneError {
  return new GoneError('release_withdrawn', `Revision ${r.revision} of ${r.period} was withdrawn`, {
    dataset: r.datasetId,
    period: r.period,
    revision: r.revision,
    withdrawnAt: r.withdrawal?.at.toISOString() ?? null,
    reason: r.withdrawal?.reason ?? null,
  });
}

/**
 * When the data a scope reads last changed as of `asOf`: the latest publication among its
 * releases, or the latest withdrawal (of a release that had been public) in the same
 * storage, whichever is later. A withdrawal can make an older revision current again, so
 * Last-Modified must move forward with it, or an If-Modified-Since client keeps the
 * withdrawn data.
 */
function lastChange(
  scoped: readonly ReleaseRecord[],
  stored: readonly ReleaseRecord[],
  asOf: Date,
): Date | null {
  let last: Date | null = null;
  for (const r of scoped) if (last === null || r.publishAt > last) last = r.publishAt;
  for (const r of stored) {
    const w = r.withdrawal;
    if (w && isWithdrawnAt(r, asOf) && isListedAt(r, asOf) && (last === null || w.at > last)) last = w.at;
  }
  return last;
}

export function dataVersionOf(releases: readonly ReleaseRecord[]): string {
  const h = createHash('sha256');
  for (const r of [...releases].sort((a, b) => a.id - b.id)) h.update(`${r.id}:${r.sha256};`);
  return h.digest('hex').slice(0, 20);
}

type ScopeParts = Omit<ReleaseScope, 'asOf'>;

// The "latest" scope only changes when the snapshot does or when the next embargo lifts,
// so it is computed once per snapshot and reused until that instant.
const latest = new WeakMap<DatasetSnapshot, { until: number; parts: ScopeParts }>();

function nextLift(snap: DatasetSnapshot, now: Date): number {
  let next = Infinity;
  for (const r of snap.releases)
    if (!isPublishedBy(r.publishAt, now) && r.publishAt.getTime() < next) next = r.publishAt.getTime();
  return next;
}

export async function resolveScope(
  knex: Knex,
  datasetId: string,
  sel: VersionSelector,
  now: Date,
): Promise<ReleaseScope> {
  const asOf = sel.asOf && sel.asOf < now ? sel.asOf : now;
  const snap = await datasetSnapshot(knex, datasetId);
  const isLatest =
    asOf === now &&
    sel.releaseId === undefined &&
    sel.revision === undefined &&
    sel.schemaVersion === undefined;
  if (isLatest) {
    const hit = latest.get(snap);
    if (hit && now.getTime() < hit.until) return { ...hit.parts, asOf };
    const parts = computeScope(snap, datasetId, sel, now);
    latest.set(snap, { until: nextLift(snap, now), parts });
    return { ...parts, asOf };
  }
  return { ...computeScope(snap, datasetId, sel, asOf), asOf };
}

function computeScope(
  snap: DatasetSnapshot,
  datasetId: string,
  sel: VersionSelector,
  asOf: Date,
): ScopeParts {
  if (snap.versions.length === 0) {
    throw noSchema(datasetId);
  }
  const version = pickVersion(snap.dataset, snap.versions, sel.schemaVersion);
  const tableOf = new Map(snap.versions.map((v) => [v.id, v.storageTable]));
  const releases = selectReleases(snap.releases, snap.dataset, sel, asOf).filter(
    (r) => tableOf.get(r.schemaVersionId) === version.storageTable,
  );
  const inStorage = snap.releases.filter((r) => tableOf.get(r.schemaVersionId) === version.storageTable);
  const lastModified = lastChange(releases, inStorage, asOf);
  const stored = inStorage.length;
  return {
    dataset: snap.dataset,
    version,
    releases,
    dataVersion: dataVersionOf(releases),
    lastModified,
    coversStorage: stored === releases.length,
    storedIds: inStorage.map((r) => r.id).sort((a, b) => a - b),
  };
}
