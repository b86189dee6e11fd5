import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Principal } from '../../catalog';
import { RateLimitedError } from '../../errors';
import type { Logger } from '../../observability';
import type { HttpDeps } from '../deps';
import { DatabaseStore } from '../rate-limit-store';

type Policy = 'api' | 'uploads' | 'auth_failures' | 'submissions';

interface LimitOptions {
  policy: Policy;
  limit: number;
  windowMs: number;
  store?: Store;
  logger?: Logger;
  key?: (req: Request, res: Response) => string;
  skip?: (req: Request, res: Response) => boolean;
  /** Only responses for which this is true count against the limit. */
  counts?: (res: Response) => boolean;
}

/** A client as the per-client limits count it: its token, or its address when it has none. */
export function clientKey(req: Request, res: Response): string {
  const p = res.locals.principal as Principal | undefined;
  return p?.kind === 'token' ? `token:${p.tokenId ?? 'bootstrap'}` : byAddress(req);
}

const pass: RequestHandler = (_req, _res, next) => next();

/** The client address, IPv6 grouped by /56 as express-rate-limit advises (one site, many addresses). */
const byAddress = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/**
 * One limit, answered like every other error: 429 `rate_limited` through the REST error
 * handler, with Retry-After and the RateLimit / RateLimit-Policy headers (IETF draft 7).
 */
function limiter(o: LimitOptions): RequestHandler {
  if (o.limit === 0) return pass;
  const limited = rateLimit({
    windowMs: o.windowMs,
    limit: o.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(o.store ? { store: o.store } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
    keyGenerator: o.key ?? byAddress,
    ...(o.counts
      ? { skipSuccessfulRequests: true, requestWasSuccessful: (_req, res) => !o.counts!(res) }
      : {}),
    // A store that fails (the database is down) lets the request through; the request
    // itself then meets the outage and answers 503.
    passOnStoreError: true,
    handler: (req, _res, next) => {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil(((reset?.getTime() ?? Date.now() + o.windowMs) - Date.now()) / 1000),
      );
      next(
        new RateLimitedError(
          'rate_limited',
          `Too many requests; retry in ${retryAfterSeconds} s`,
          retryAfterSeconds,
          {
            policy: o.policy,
            limit: o.limit,
            windowSeconds: Math.round(o.windowMs / 1000),
            retryAfterSeconds,
          },
        ),
      );
    },
  });
  // Decided before the limiter is entered: it does asynchronous work for every request it sees.
  const skip = o.skip;
  return skip ? (req, res, next) => (skip(req, res) ? next() : limited(req, res, next)) : limited;
}

/**
 * Every request to the API, GraphQL and the pages, per client address. Counters live in
 * this process's memory: a database write per read request would double the work of the
 * busiest paths. With n processes a client may reach n times the limit.
 */
export function apiRateLimit(deps: HttpDeps): RequestHandler {
  return limiter({
    policy: 'api',
    limit: deps.config.apiRateLimit,
    windowMs: deps.config.apiRateWindowMs,
    logger: deps.logger,
  });
}

/**
 * Uploads per token (a leaked token is slowed wherever it is used from, and colleagues
 * behind one NAT do not share a budget), or per address when there is none. Shared by
 * every process through the database.
 */
export function uploadRateLimit(deps: HttpDeps): RequestHandler {
  return limiter({
    policy: 'uploads',
    limit: deps.config.uploadRateLimit,
    windowMs: deps.config.uploadRateWindowMs,
    store: new DatabaseStore(deps.db.knex, 'uploads'),
    logger: deps.logger,
    key: clientKey,
  });
}

/**
 * Credential guessing: requests that present credentials are metered per address, and
 * only those refused with 401 (an unknown, revoked or malformed token) count. Past the
 * limit the address gets 429 for the rest of the window, whatever it sends, so a guesser
 * learns nothing more. Shared by every process through the database.
 */
export function authFailureLimit(deps: HttpDeps): RequestHandler {
  return limiter({
    policy: 'auth_failures',
    limit: deps.config.authFailureLimit,
    windowMs: deps.config.authFailureWindowMs,
    store: new DatabaseStore(deps.db.knex, 'auth_failures'),
    logger: deps.logger,
    skip: (req) => req.get('authorization') === undefined,
    counts: (res) => res.statusCode === 401,
  });
}

/**
 * Anonymous public submissions (data requests and 纠错 reports, from the API or the web
 * forms together), per client address; an agency's token (recording paper requests) is
 * not limited here. Shared by every process through the database, like the other limits
 * on rare events. Place it after authMiddleware, so a made-up token cannot skip it.
 */
export function submissionRateLimit(deps: HttpDeps): RequestHandler {
  return limiter({
    policy: 'submissions',
    limit: deps.config.submissionRateLimit,
    windowMs: deps.config.submissionRateWindowMs,
    store: new DatabaseStore(deps.db.knex, 'submissions'),
    logger: deps.logger,
    skip: (_req, res) => (res.locals.principal as Principal | undefined)?.kind === 'token',
  });
}
