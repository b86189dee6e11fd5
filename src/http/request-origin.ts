import type { Request, Response } from 'express';
import type { RequestOrigin } from '../catalog';
import { MAX_AUDIT_USER_AGENT } from './limits';

/**
 * Where a write came from, for its audit entry: every audited action records the same
 * three. Refused writes are audited too, so the user agent is cut to a bounded size.
 */
export function requestOrigin(req: Request, res: Response) {
  return {
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, MAX_AUDIT_USER_AGENT) ?? null,
    requestId: String(res.locals.requestId ?? ''),
  };
}

/** requestOrigin plus what was asked (method and path, no query string), for refusals. */
export function refusalOrigin(req: Request, res: Response): RequestOrigin {
  const path = (req.originalUrl.split('?')[0] ?? '').slice(0, MAX_AUDIT_USER_AGENT);
  return { ...requestOrigin(req, res), target: `${req.method} ${path}` };
}
