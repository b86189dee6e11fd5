import type { Request } from 'express';
import { queryInt, queryString } from './params';

/**
 * `revision=N` on a per-release path (its data.csv, its datapackage.json): absent means
 * the period's newest public revision. One reading, so a package's resource and the file
 * it points to always select the same release.
 */
export function revisionParam(req: Request): number | undefined {
  return queryString(req, 'revision') ? queryInt(req, 'revision', 1, 1, 1_000_000) : undefined;
}
