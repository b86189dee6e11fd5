import type { RequestHandler } from 'express';
import { Lru } from '../../cache';
import { RateLimitedError } from '../../errors';
import { principalOf } from './auth';

/** Clients tracked at once; beyond that the least recently seen are forgotten. */
const MAX_CLIENTS = 50_000;

/**
 * A fixed-window counter per client IP for public submission routes (data requests,
 * feedback): `limit` submissions per `windowSeconds`, then 429 `rate_limited` with
 * Retry-After until the window ends. Authenticated agencies (recording paper requests,
 * answering) are not limited. In memory, per process: good enough to stop one client from
 * flooding a queue; a cluster-wide limit belongs in front of the app. Behind a proxy, set
 * TRUST_PROXY so req.ip is the client and not the proxy.
 */
export function submissionRateLimit(o: {
  limit: number;
  windowSeconds: number;
  now?: () => number;
}): RequestHandler {
  const now = o.now ?? Date.now;
  const windows = new Lru<{ start: number; count: number }>(MAX_CLIENTS, MAX_CLIENTS);
  return (req, res, next) => {
    // After authMiddleware: a token here is valid, so a made-up header cannot skip the limit.
    if (o.limit === 0 || principalOf(res).kind === 'token') {
      next();
      return;
    }
    const key = req.ip ?? 'unknown';
    const t = now();
    const windowMs = o.windowSeconds * 1000;
    let w = windows.get(key);
    if (!w || t - w.start >= windowMs) w = { start: t, count: 0 };
    w.count += 1;
    windows.set(key, w, 1);
    if (w.count > o.limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + windowMs - t) / 1000));
      throw new RateLimitedError(
        'rate_limited',
        `At most ${o.limit} submissions per ${o.windowSeconds} s`,
        retryAfter,
        {
          limit: o.limit,
          windowSeconds: o.windowSeconds,
        },
      );
    }
    res.setHeader('RateLimit-Limit', String(o.limit));
    res.setHeader('RateLimit-Remaining', String(o.limit - w.count));
    next();
  };
}

// One limiter per app, so the API and the web form draw on the same budget per client.
const perApp = new WeakMap<object, RequestHandler>();

/** The submission limiter of the app built from `deps` (its config's limit and window). */
export function submissionLimiter(deps: {
  config: { submissionRateLimit: number; submissionRateWindowSeconds: number };
}): RequestHandler {
  let limiter = perApp.get(deps);
  if (!limiter) {
    limiter = submissionRateLimit({
      limit: deps.config.submissionRateLimit,
      windowSeconds: deps.config.submissionRateWindowSeconds,
    });
    perApp.set(deps, limiter);
  }
  return limiter;
}
