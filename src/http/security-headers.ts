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
  return fixedHeaders(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: NOTHING },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
      xFrameOptions: { action: 'deny' },
    }),
  );
}

/** A page's Content-Security-Policy: nothing but what `directives` allow. */
export function pagePolicy(directives: Directives): RequestHandler {
  return fixedHeaders(
    helmet.contentSecurityPolicy({ useDefaults: false, directives: { ...NOTHING, ...directives } }),
  );
}

/**
 * helmet's headers depend on its options only, never on the request, so its middleware is
 * run once, on a stand-in response, and every request gets the headers it set in one loop
 * (helmet's chain of a dozen middlewares was a measurable share of a small API answer).
 */
function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const probe = {
    setHeader: (name: string, value: unknown) => set.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  let failed: unknown;
  void middleware({} as never, probe as never, (err?: unknown) => (failed = err));
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}
