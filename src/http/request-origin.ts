import type { Request, Response } from 'express';

/** Where a write came from, for its audit entry: every audited action records the same three. */
export function requestOrigin(req: Request, res: Response) {
  return {
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
    requestId: String(res.locals.requestId ?? ''),
  };
}
