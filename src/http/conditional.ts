import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { DatasetStatusMark } from '../catalog';
import { Lru } from '../cache';
import { queryOf } from './params';
import type { ReleaseScope } from '../query';

// Hashing is the costly part of a validator; a page requested again reuses its ETag.
const etags = new Lru<string>(1_000, 1_000);

/**
 * Validators for data responses. The ETag names the exact set of releases read (the
 * data version), the schema version and the request, so it changes the moment a
 * release, revision or embargo lift changes what the query would return. It is derived
 * from those names, never from the response body.
 */
export function dataEtag(scope: ReleaseScope, req: Request, extra = ''): string {
  const source = `${scope.dataVersion}|${scope.version.version}|${req.originalUrl}|${extra}`;
  let etag = etags.get(source);
  if (etag === undefined) {
    etag = `"${createHash('sha256').update(source).digest('base64url').slice(0, 27)}"`;
    etags.set(source, etag, 1);
  }
  return etag;
}

function notModified(req: Request, etag: string, lastModified: Date | null): boolean {
  const inm = req.get('if-none-match');
  if (inm) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  const ims = req.get('if-modified-since');
  if (ims && lastModified) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

/** Sets validators and answers 304 when the client already has this representation. */
export function handleConditional(req: Request, res: Response, scope: ReleaseScope, extra = ''): boolean {
  const etag = dataEtag(scope, req, extra);
  res.setHeader('ETag', etag);
  if (scope.lastModified) res.setHeader('Last-Modified', scope.lastModified.toUTCString());
  // Pinned to a past instant (or one release) the answer can never change; "latest" — and
  // an asOf in the future, which is read as now — must be revalidated.
  const query = queryOf(req);
  const pastAsOf = query.asOf !== undefined && scope.asOf.getTime() < Date.now() - 1_000;
  const pinned = pastAsOf || query.release !== undefined;
  res.setHeader('Cache-Control', pinned ? 'public, max-age=86400' : 'public, max-age=0, must-revalidate');
  res.setHeader('X-Data-Version', scope.dataVersion);
  res.setHeader('X-Schema-Version', String(scope.version.version));
  if (notModified(req, etag, scope.lastModified)) {
    res.status(304).end();
    return true;
  }
  return false;
}

/** `active`, or e.g. `repealed; date=2020-01-01; reason=%E5%B7%B2...` (reason percent-encoded). */
export function statusHeader(scope: ReleaseScope): string {
  return statusMarkHeader(scope.dataset.status);
}

export function statusMarkHeader(s: DatasetStatusMark): string {
  if (s.status === 'active') return 'active';
  return `${s.status}; date=${s.date ?? ''}; reason=${encodeURIComponent(s.reason ?? '')}`;
}
