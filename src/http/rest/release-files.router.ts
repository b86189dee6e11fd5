import { Router } from 'express';
import { NotFoundError } from '../../errors';
import { ReleaseFiles } from '../../export';
import type { HttpDeps } from '../deps';
import { pathParam } from '../params';
import { resolveScope } from '../../query';
import { statusHeader } from '../conditional';

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The name only names the download; it never reaches the file system. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}\.csv$/;

/** Where the bytes of a release live for ever: its checksum is the address, its name a label. */
export function releaseFileUrl(sha256: string, name: string): string {
  return `/files/sha256/${sha256}/${encodeURIComponent(name)}`;
}

const notFound = (sha256: string) =>
  new NotFoundError('release_not_found', `No published release has sha256 ${sha256}`, { sha256 });

/**
 * GET/HEAD /files/sha256/{hex}/{name}: a published release's canonical CSV at an address
 * that names its bytes, so a CDN or browser may keep it for a year without asking again.
 * Ranges (206, 416), HEAD and If-None-Match are answered by express's static file sender
 * over a verified file (export/release-file.ts). An embargoed release is 404 like an
 * unknown checksum, so the address does not reveal that it exists.
 */
export function releaseFilesRouter(deps: HttpDeps): Router {
  const files = new ReleaseFiles(deps.db, deps.config.releaseFileDir);
  const r = Router();
  r.get('/files/sha256/:sha256/:name', async (req, res, next) => {
    const sha256 = pathParam(req, 'sha256');
    const name = pathParam(req, 'name');
    if (!SHA256_HEX.test(sha256) || !FILE_NAME.test(name)) throw notFound(sha256);
    const found = await files.find(sha256, deps.now());
    if (!found) throw notFound(sha256);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('ETag', `"${sha256}"`);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('Last-Modified', found.release.publishAt.toUTCString());
    res.setHeader('X-Content-SHA256', sha256);
    // Of the whole file, also on a 206: it names the representation, not the part sent.
    res.setHeader('Digest', `sha-256=${Buffer.from(sha256, 'hex').toString('base64')}`);
    // Repealed (废止) or expired (失效) datasets still serve their files, marked as such.
    res.setHeader(
      'X-Dataset-Status',
      statusHeader(await resolveScope(deps.db.knex, found.release.datasetId, {}, deps.now())),
    );
    res.sendFile(found.path, { etag: false, lastModified: false, cacheControl: false }, (err?: Error) => {
      if (!err) return;
      if ((err as { status?: number }).status === 416 && !res.headersSent) {
        // send set `Content-Range: bytes */<length>`; the body would not be CSV.
        res.removeHeader('Content-Type');
        res.removeHeader('Content-Disposition');
        res.status(416).end();
        return;
      }
      if (!res.headersSent) next(err);
    });
  });
  return r;
}
