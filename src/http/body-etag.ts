import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Sends a small generated document (a feed, a package descriptor) with an ETag over its
 * bytes, answering 304 when the client has them. It is computed for "now" on every
 * request and must be revalidated, so a lifted embargo shows at once and not before.
 */
export function sendWithBodyEtag(req: Request, res: Response, contentType: string, text: string): void {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
  const inm = req.get('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)) {
    res.status(304).end();
    return;
  }
  res.type(contentType).send(body);
}
