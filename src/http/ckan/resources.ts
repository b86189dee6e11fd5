import type { Knex } from 'knex';
import {
  currentReleases,
  datasetSnapshot,
  isPublicAt,
  type DatasetSnapshot,
  type ReleaseRecord,
} from '../../catalog';
import { isAppError, NotFoundError } from '../../errors';

/**
 * CKAN resources are files of a dataset. Here a dataset has one resource per release (a
 * period's revision, its canonical CSV) and one for all its current data (the DataStore
 * table and its dump). Their ids read as what they are, and dataset ids have no dots:
 * `agri-prices` is all of agri-prices, `agri-prices.2017-W19.r1` revision 1 of 2017-W19.
 */
export type ResourceRef =
  | { kind: 'full'; datasetId: string }
  | { kind: 'release'; datasetId: string; period: string; revision: number };

const RELEASE_ID = /^([a-z][a-z0-9-]{1,48})\.([0-9A-Za-z-]{4,12})\.r([1-9]\d{0,8})$/;
const DATASET_ID = /^[a-z][a-z0-9-]{1,48}$/;

export const releaseResourceId = (r: Pick<ReleaseRecord, 'datasetId' | 'period' | 'revision'>) =>
  `${r.datasetId}.${r.period}.r${r.revision}`;

export function parseResourceId(id: string): ResourceRef | undefined {
  const m = RELEASE_ID.exec(id);
  if (m) return { kind: 'release', datasetId: m[1]!, period: m[2]!, revision: Number(m[3]) };
  return DATASET_ID.test(id) ? { kind: 'full', datasetId: id } : undefined;
}

export interface FoundResource {
  snapshot: DatasetSnapshot;
  /** Absent for the full-data resource. */
  release?: ReleaseRecord;
}

/** The error for a resource that does not exist or is not public yet: the two read alike. */
export const resourceNotFound = (id: string) =>
  new NotFoundError('resource_not_found', `Resource "${id}" was not found.`, { resource: id });

/**
 * A resource as the public could see it at `at`. An embargoed release reads exactly like
 * one that does not exist, and so does a withdrawn one (CKAN's deleted resources are not
 * found); a superseded revision stays readable (a citation may name it).
 */
export async function findResource(knex: Knex, id: string, at: Date): Promise<FoundResource> {
  const ref = parseResourceId(id);
  if (!ref) throw resourceNotFound(id);
  let snapshot: DatasetSnapshot;
  try {
    snapshot = await datasetSnapshot(knex, ref.datasetId);
  } catch (err) {
    if (isAppError(err) && err.code === 'dataset_not_found') throw resourceNotFound(id);
    throw err;
  }
  if (ref.kind === 'full') {
    if (snapshot.dataset.currentVersion === null) throw resourceNotFound(id);
    return { snapshot };
  }
  const release = snapshot.releases.find(
    (r) => r.period === ref.period && r.revision === ref.revision && isPublicAt(r, at),
  );
  if (!release) throw resourceNotFound(id);
  return { snapshot, release };
}

/** The releases a dataset's resource list shows at `at`: each period's newest public revision. */
export const listedReleases = (snapshot: DatasetSnapshot, at: Date) => currentReleases(snapshot.releases, at);
