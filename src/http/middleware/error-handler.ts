import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { isAppError, messageZh, type ErrorCode, type ErrorDetails, type ErrorKind } from '../../errors';
import { translateDbError } from '../../db';
import { routeLabel } from '../route-label';

// A handler may have described the body it meant to send (an export's type and file name)
// before it failed; an error body is JSON and no download.
const REPRESENTATION_HEADERS = [
  'Content-Type',
  'Content-Disposition',
  'Content-Encoding',
  'ETag',
  'Last-Modified',
  'X-Content-SHA256',
];

/** The headers every error answer carries, at either edge. */
function errorHeaders(res: Response, e: EdgeError): void {
  for (const name of REPRESENTATION_HEADERS) res.removeHeader(name);
  if (e.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(e.retryAfterSeconds));
}

/** What went wrong, whatever threw it: a domain error's kind, or a request the edge could not read. */
export type EdgeErrorKind = ErrorKind | 'bad_request' | 'internal';

export interface EdgeError {
  kind: EdgeErrorKind;
  code: ErrorCode;
  /** The English message; the Chinese one is derived from the code and details. */
  message: string;
  details: ErrorDetails | null;
  /** Sent as Retry-After: the database is away, or a rate limit's window is still running. */
  retryAfterSeconds?: number;
}

/**
 * Each kind of error at each edge, in one table so the edges cannot drift: REST's status,
 * and the status and `__type` that CKAN's Action API answers (ckan/views/api.py), which
 * clients such as ckanapi turn back into their NotFound, ValidationError and NotAuthorized.
 * CKAN has no 401 (a bad key is an Authorization Error) and calls every invalid input a 409
 * Validation Error, but a body or action it cannot read at all a 400 Bad Request.
 */
const EDGES: Record<EdgeErrorKind, { rest: number; ckan: { status: number; type: string } }> = {
  validation: { rest: 400, ckan: { status: 409, type: 'Validation Error' } },
  bad_request: { rest: 400, ckan: { status: 400, type: 'Bad Request' } },
  unauthorized: { rest: 401, ckan: { status: 403, type: 'Authorization Error' } },
  forbidden: { rest: 403, ckan: { status: 403, type: 'Authorization Error' } },
  not_found: { rest: 404, ckan: { status: 404, type: 'Not Found Error' } },
  // CKAN has no 410: a withdrawn resource reads as a deleted one, not found.
  gone: { rest: 410, ckan: { status: 404, type: 'Not Found Error' } },
  conflict: { rest: 409, ckan: { status: 409, type: 'Validation Error' } },
  too_large: { rest: 413, ckan: { status: 413, type: 'Bad Request' } },
  unsupported: { rest: 415, ckan: { status: 415, type: 'Bad Request' } },
  unavailable: { rest: 503, ckan: { status: 503, type: 'Service Unavailable' } },
  rate_limited: { rest: 429, ckan: { status: 429, type: 'Too Many Requests' } },
  // nginx's status for a request its client abandoned: no client ever reads it.
  client_closed: { rest: 499, ckan: { status: 499, type: 'Client Closed Request' } },
  internal: { rest: 500, ckan: { status: 500, type: 'Internal Server Error' } },
};

/** Any thrown value as an EdgeError; unexpected ones are logged here, once, with the request id. */
export function describeError(raw: unknown, req: Request, res: Response): EdgeError {
  const err = translateDbError(raw);
  if (isAppError(err)) {
    return {
      kind: err.kind,
      code: err.code,
      message: err.message,
      details: err.details ?? null,
      retryAfterSeconds: err.retryAfterSeconds,
    };
  }
  const { status, type } = err as { status?: number; type?: string };
  if (status === 400 && type === 'entity.parse.failed') {
    return {
      kind: 'bad_request',
      code: 'invalid_json',
      message: 'The request body is not valid JSON',
      details: null,
    };
  }
  if (status === 413) {
    return {
      kind: 'too_large',
      code: 'payload_too_large',
      message: 'The request body is too large',
      details: null,
    };
  }
  // A bug or an infrastructure failure: the log gets all of it, the client none of it.
  req.log?.error({ err, route: routeLabel(req) }, 'unexpected error');
  return {
    kind: 'internal',
    code: 'internal_error',
    message: 'Something went wrong on our side',
    details: { requestId: res.locals.requestId },
  };
}

/**
 * Every error in both languages, Chinese first: `message` in the language the client
 * prefers (Accept-Language; Chinese when it names neither), `messages` in both.
 */
function messages(req: Request, e: EdgeError) {
  const zh = messageZh(e.code, e.details);
  const message = req.acceptsLanguages('zh', 'en') === 'en' ? e.message : zh;
  return { message, messages: { zh, en: e.message } };
}

/** REST's `{error: {code, message, messages, details}}`. */
export function sendRestError(req: Request, res: Response, e: EdgeError): void {
  const { message, messages: both } = messages(req, e);
  errorHeaders(res, e);
  res
    .status(EDGES[e.kind].rest)
    .json({ error: { code: e.code, message, messages: both, details: e.details } });
}

// CKAN words its messages like this, and ckanapi strips everything up to the first ': '.
const CKAN_PREFIX: Partial<Record<EdgeErrorKind, string>> = {
  not_found: 'Not found: ',
  gone: 'Not found: ',
  forbidden: 'Access denied: ',
  unauthorized: 'Access denied: ',
  bad_request: 'Bad request: ',
};

/** Keys of CKAN's error object that a parameter name (which a client may choose) must not overwrite. */
const CKAN_ERROR_KEYS = new Set(['__type', 'message', 'messages', 'code', 'details', '__proto__']);

/**
 * CKAN's `{help, success: false, error: {__type, message}}`. A validation error also names
 * its parameter the way CKAN's error dicts do (`{"rows": ["…"]}`), and every error keeps
 * our stable `code`, both messages and `details`.
 */
export function sendCkanError(req: Request, res: Response, e: EdgeError, help: string | null): void {
  const { status, type } = EDGES[e.kind].ckan;
  const { message, messages: both } = messages(req, e);
  errorHeaders(res, e);
  const error: Record<string, unknown> = {
    __type: type,
    message: `${CKAN_PREFIX[e.kind] ?? ''}${message}`,
    messages: both,
    code: e.code,
    details: e.details,
  };
  const parameter = (e.details as { parameter?: unknown } | null)?.parameter;
  if ((e.kind === 'validation' || e.kind === 'conflict') && typeof parameter === 'string') {
    if (!CKAN_ERROR_KEYS.has(parameter)) error[parameter] = [message];
  }
  res.status(status).json({ help, success: false, error });
}

/** The single place where REST turns errors into status codes. */
export const errorHandler: ErrorRequestHandler = (raw, req, res, next) => {
  if (res.headersSent) {
    next(raw);
    return;
  }
  sendRestError(req, res, describeError(raw, req, res));
};

export const notFoundHandler: RequestHandler = (req, res) => {
  sendRestError(req, res, {
    kind: 'not_found',
    code: 'route_not_found',
    message: `No route for ${req.method} ${req.path}`,
    details: { path: req.path },
  });
};
