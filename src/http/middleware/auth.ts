import type { RequestHandler, Response } from 'express';
import { ANONYMOUS, authenticate, type Principal } from '../../catalog';
import { UnauthorizedError } from '../../errors';
import type { HttpDeps } from '../deps';

/** Resolves `Authorization: Bearer …` once per request; no header means anonymous read-only access. */
export function authMiddleware(deps: HttpDeps): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined) {
      res.locals.principal = ANONYMOUS;
      next();
      return;
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new UnauthorizedError('invalid_authorization', 'Use Authorization: Bearer <token>');
    res.locals.principal = await authenticate(deps.db.knex, m[1], deps.config.adminToken);
    next();
  };
}

export function principalOf(res: Response): Principal {
  return (res.locals.principal as Principal | undefined) ?? ANONYMOUS;
}
