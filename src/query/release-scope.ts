import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import {
  findRelease,
  getDataset,
  listReleases,
  listSchemaVersions,
  visibleReleases,
  type Dataset,
  type ReleaseRecord,
  type SchemaVersion,
} from '../catalog';
import { NotFoundError, ValidationError } from '../errors';
import type { VersionSelector } from './spec';

/** Everything a read needs to know about which rows it may see, and how to name that state. */
export interface ReleaseScope {
  dataset: Dataset;
  version: SchemaVersion;
  releases: ReleaseRecord[];
  releaseIds: number[];
  /** Identifies exactly the set of releases read; part of every citation and ETag. */
  dataVersion: string;
  lastModified: Date | null;
  /** The instant the data was read as of (never later than now: embargoes hold). */
  asOf: Date;
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

async function selectReleases(
  knex: Knex,
  dataset: Dataset,
  sel: VersionSelector,
  at: Date,
): Promise<ReleaseRecord[]> {
  if (sel.releaseId !== undefined) {
    const r = await findRelease(knex, sel.releaseId);
    if (!r || r.datasetId !== dataset.id || r.publishAt > at) {
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
  if (sel.revision !== undefined) {
    const all = await listReleases(knex, dataset.id, { includeScheduled: false, now: at });
    return all.filter((r) => r.revision === sel.revision);
  }
  return visibleReleases(knex, dataset.id, at);
}

export function dataVersionOf(releases: readonly ReleaseRecord[]): string {
  const h = createHash('sha256');
  for (const r of [...releases].sort((a, b) => a.id - b.id)) h.update(`${r.id}:${r.sha256};`);
  return h.digest('hex').slice(0, 20);
}

export async function resolveScope(
  knex: Knex,
  datasetId: string,
  sel: VersionSelector,
  now: Date,
): Promise<ReleaseScope> {
  if (sel.asOf && Number.isNaN(sel.asOf.getTime())) {
    throw new ValidationError('invalid_parameter', 'asOf must be an ISO 8601 timestamp', {
      parameter: 'asOf',
    });
  }
  const asOf = sel.asOf && sel.asOf < now ? sel.asOf : now;
  const dataset = await getDataset(knex, datasetId);
  const versions = await listSchemaVersions(knex, datasetId);
  if (versions.length === 0) {
    throw new NotFoundError('schema_not_found', `Dataset ${datasetId} has no schema yet`, {
      dataset: datasetId,
    });
  }
  const version = pickVersion(dataset, versions, sel.schemaVersion);
  const tableOf = new Map(versions.map((v) => [v.id, v.storageTable]));
  const releases = (await selectReleases(knex, dataset, sel, asOf)).filter(
    (r) => tableOf.get(r.schemaVersionId) === version.storageTable,
  );
  const lastModified = releases.reduce<Date | null>(
    (m, r) => (m === null || r.publishAt > m ? r.publishAt : m),
    null,
  );
  return {
    dataset,
    version,
    releases,
    releaseIds: releases.map((r) => r.id),
    dataVersion: dataVersionOf(releases),
    lastModified,
    asOf,
  };
}
