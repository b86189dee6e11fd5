import type { RequestHandler } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/**
 * What every response forbids: API answers (JSON, CSV, YAML, iCalendar) load and run
 * nothing, so the strictest policy costs them nothing and neuters any body a browser might
 * be tricked into rendering. Pages replace it with a policy listing exactly what they load.
 */
const NOTHING: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * helmet on every response. Deliberate departures from its defaults: frames are refused
 * outright (nothing here is meant to be framed); Strict-Transport-Security leaves sub-
 * domains alone (a government domain's other hosts are not ours to bind to HTTPS);
 * Cross-Origin-Resource-Policy is `cross-origin` because the data is open and any site
 * may link or embed it (the API takes no cookies, so nothing private can leak that way).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: NOTHING },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    xFrameOptions: { action: 'deny' },
  });
}

/** A page's Content-Security-Policy: nothing but what `directives` allow. */
export function pagePolicy(directives: Directives): RequestHandler {
  return helmet.contentSecurityPolicy({ useDefaults: false, directives: { ...NOTHING, ...directives } });
}
