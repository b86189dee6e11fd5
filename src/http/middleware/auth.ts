import type { RequestHandler, Response } from 'express';
import { ANONYMOUS, authenticate, refuseMalformedCredentials, type Principal } from '../../catalog';
import type { HttpDeps } from '../deps';
import { refusalOrigin } from '../request-origin';

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
    // A refused credential is audited with where it came from (never the credential).
    const origin = refusalOrigin(req, res);
    res.locals.principal = m
      ? await authenticate(deps.db.knex, m[1], deps.config.adminToken, origin)
      : await refuseMalformedCredentials(deps.db.knex, origin);
    next();
  };
}

/**
 * `handler` for requests that carry no credentials, as the anonymous principal; any other
 * request passes on untouched (to a later mount that checks its credentials first).
 */
export function anonymousOnly(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.headers.authorization !== undefined) return next();
    res.locals.principal = ANONYMOUS;
    return handler(req, res, next);
  };
}

export function principalOf(res: Response): Principal {
  return (res.locals.principal as Principal | undefined) ?? ANONYMOUS;
}
