import type { Request } from 'express';
import { periodReadAt, releasesIn, type DatasetSnapshot, type ReleaseRecord } from '../catalog';
import { NotFoundError } from '../errors';
import { formatPeriod, parsePeriod } from '../periods';
import { releaseWithdrawn } from '../query';
import { queryInt, queryString } from './params';

/**
 * `revision=N` on a per-release path (its data.csv, its datapackage.json): absent means
 * the period's current revision.
 */
export function revisionParam(req: Request): number | undefined {
  return queryString(req, 'revision') ? queryInt(req, 'revision', 1, 1, 1_000_000) : undefined;
}

/**
 * The release a per-release path names, read at `at` by the one visibility rule from the
 * releases listed now: the named revision or the current one; 410 for a withdrawn one, 404
 * for none. One selection, so a package's resource and the data.csv it points to always
 * name the same release.
 */
export function selectPeriodRelease(
  snapshot: DatasetSnapshot,
  periodText: string,
  revision: number | undefined,
  o: { at: Date; now: Date },
): ReleaseRecord {
  const { dataset } = snapshot;
  const period = formatPeriod(parsePeriod(periodText, dataset.periodKind));
  const releases = releasesIn(snapshot, { at: o.now, period }).map((v) => v.release);
  const read = periodReadAt(releases, revision, o.at);
  if (read && 'withdrawn' in read) throw releaseWithdrawn(read.withdrawn);
  if (!read) {
    throw new NotFoundError('release_not_found', `No published release of ${dataset.id} for ${period}`, {
      dataset: dataset.id,
      period,
      revision: revision ?? null,
    });
  }
  return read.release;
}
