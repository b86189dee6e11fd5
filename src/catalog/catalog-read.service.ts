import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { canManage, type Principal } from './access.service';
import { datasetSnapshot, datasetSnapshots, noSchema, type DatasetSnapshot } from './dataset-snapshot';
import type { ReleaseRecord } from './releases.repo';
import type { SchemaVersion } from './schema-versions.repo';
import type { Dataset } from './types';
import { isListedAt, releaseStatus, type ReleaseStatus } from './visibility';

/**
 * What a reader may see of a dataset, owned here for every transport: its current schema
 * version and its releases at an instant. REST, GraphQL, CKAN and the web pages call these
 * functions; none of them picks the current version or filters releases on its own. They
 * read the shared snapshot (dataset-snapshot.ts), so the answers of all transports come
 * from the same state, and visibility is the one rule of visibility.ts.
 */

/** A release as a reader sees it: the record and what it is at that instant. */
export interface ReleaseView {
  release: ReleaseRecord;
  status: ReleaseStatus;
}

/** The dataset's current schema version; undefined before its first one is registered. */
export function currentSchemaOf(s: DatasetSnapshot): SchemaVersion | undefined {
  const n = s.dataset.currentVersion;
  return n === null ? undefined : s.versions.find((v) => v.version === n);
}

/** The dataset and its current schema version, or 404 `no_schema` when it has none yet. */
export async function currentSchema(
  knex: Knex,
  datasetId: string,
): Promise<{ dataset: Dataset; version: SchemaVersion }> {
  const s = await datasetSnapshot(knex, datasetId);
  const version = currentSchemaOf(s);
  if (!version) throw noSchema(s.dataset.id);
  return { dataset: s.dataset, version };
}

/**
 * Version `number` of the dataset's schema, or 404 `schema_version_not_found`; `parameter`
 * names the query parameter that asked for it, when one did.
 */
export async function schemaVersionOf(
  knex: Knex,
  datasetId: string,
  number: number,
  parameter?: string,
): Promise<{ dataset: Dataset; version: SchemaVersion }> {
  const s = await datasetSnapshot(knex, datasetId);
  const version = s.versions.find((v) => v.version === number);
  if (!version) {
    throw new NotFoundError(
      'schema_version_not_found',
      `Dataset ${s.dataset.id} has no schema version ${number}`,
      {
        dataset: s.dataset.id,
        version: number,
        ...(parameter ? { parameter } : {}),
      },
    );
  }
  return { dataset: s.dataset, version };
}

/** Current schema versions of many datasets at once (GraphQL batches them per request). */
export async function currentSchemas(
  knex: Knex,
  datasetIds: readonly string[],
): Promise<Map<string, SchemaVersion>> {
  const snapshots = await datasetSnapshots(knex, datasetIds);
  const out = new Map<string, SchemaVersion>();
  for (const [id, s] of snapshots) {
    const v = currentSchemaOf(s);
    if (v) out.set(id, v);
  }
  return out;
}

export interface ReleaseListing {
  /** Instant of the reading. */
  at: Date;
  /**
   * Who reads: the dataset's own agency and admins also see embargoed releases (never
   * their rows) and those withdrawn under embargo; everyone else what is listed at `at`.
   */
  principal?: Principal;
  /** Only this period (canonical text). */
  period?: string;
}

/** The releases a reader may list, by period then revision, with each one's status. */
export function releasesIn(s: DatasetSnapshot, o: ReleaseListing): ReleaseView[] {
  const all = o.principal !== undefined && canManage(o.principal, s.dataset);
  const listed = s.releases.filter(
    (r) => (all || isListedAt(r, o.at)) && (o.period === undefined || r.period === o.period),
  );
  return listed.map((release) => ({ release, status: releaseStatus(release, listed, o.at) }));
}

/** `releasesIn` for a dataset by id (404 `dataset_not_found` when there is none). */
export async function listReleaseViews(
  knex: Knex,
  datasetId: string,
  o: ReleaseListing,
): Promise<{ dataset: Dataset; releases: ReleaseView[] }> {
  const s = await datasetSnapshot(knex, datasetId);
  return { dataset: s.dataset, releases: releasesIn(s, o) };
}
