import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Browser apps on any origin may read: the REST read API (schema.org documents and data
 * packages included), the CKAN Action API, the DataStore dump, exports, the contract, the
 * DCAT catalogue, the Atom feeds and GraphQL. Nothing here uses cookies, so `*` exposes
 * nothing a server-side client could not fetch anyway. Writes are another matter:
 * publishing and admin routes answer no CORS headers and refuse preflights, and
 * `Authorization` is not an allowed header anywhere, so no page can send a token
 * cross-origin.
 */
const ALLOWED_HEADERS = [
  'Accept',
  'Accept-Language',
  'Content-Type',
  'If-None-Match',
  'If-Modified-Since',
  'X-Request-Id',
  // Apollo clients send these; Apollo's CSRF prevention accepts them.
  'Apollo-Require-Preflight',
  'X-Apollo-Operation-Name',
];

/** Headers a script may read: validators, data and schema versions, status marks, checksums. */
const EXPOSED_HEADERS = [
  'ETag',
  'Last-Modified',
  'Content-Disposition',
  'X-Request-Id',
  'X-Cache',
  'X-Data-Version',
  'X-Schema-Version',
  'X-Dataset-Status',
  'X-Content-SHA256',
  'Digest',
  // When to retry a 429 or 503.
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
];

const options = (methods: string[]) =>
  cors({
    origin: '*',
    methods,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 86_400,
  });

const readOnly = options(['GET', 'HEAD']);
const readAndQuery = options(['GET', 'HEAD', 'POST']);

/** Paths whose every route only reads (GraphQL and CKAN actions read by POST too). */
const QUERY_PATHS = /^\/(graphql|api\/3\/action|api\/action)(\/|$)/;
const READ_PATHS = /^\/(datastore\/dump\/|feeds\/|openapi\.(yaml|json)$|catalog(\.jsonld|\.ttl)?$)/;
/** Under /api/v1 the admin routes and whoami exist only for token holders. */
const TOKEN_ONLY = /^\/api\/v1\/(admin(\/|$)|whoami$)/;

function isRead(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** The method a request uses, or a preflight asks to use. */
function intended(req: Parameters<RequestHandler>[0]): string {
  if (req.method !== 'OPTIONS') return req.method;
  return (req.get('access-control-request-method') ?? '').toUpperCase();
}

export const corsPolicy: RequestHandler = (req, res, next) => {
  const path = req.path;
  if (QUERY_PATHS.test(path)) return readAndQuery(req, res, next);
  if (READ_PATHS.test(path)) return readOnly(req, res, next);
  if (path.startsWith('/api/v1/') && !TOKEN_ONLY.test(path) && isRead(intended(req))) {
    return readOnly(req, res, next);
  }
  next();
};
