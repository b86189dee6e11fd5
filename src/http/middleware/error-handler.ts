import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { isAppError, messageZh, type ErrorCode, type ErrorKind } from '../../errors';
import { translateDbError } from '../../db';
import { routeLabel } from '../route-label';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  unavailable: 503,
  rate_limited: 429,
};

const REPRESENTATION_HEADERS = [
  'Content-Type',
  'Content-Disposition',
  'Content-Encoding',
  'ETag',
  'Last-Modified',
  'X-Content-SHA256',
];

/**
 * Every error in both languages, Chinese first: `message` in the language the client
 * prefers (Accept-Language; Chinese when it names neither), `messages` in both.
 */
function sendError(
  req: Request,
  res: Response,
  status: number,
  code: ErrorCode,
  en: string,
  details: unknown,
): void {
  const zh = messageZh(code, details);
  const message = req.acceptsLanguages('zh', 'en') === 'en' ? en : zh;
  res.status(status).json({ error: { code, message, messages: { zh, en }, details: details ?? null } });
}

/** The single place where REST (and later CKAN) turns errors into status codes. */
export const errorHandler: ErrorRequestHandler = (raw, req, res, next) => {
  if (res.headersSent) {
    next(raw);
    return;
  }
  const err = translateDbError(raw);
  // A handler may have described the body it meant to send (an export's type and file
  // name) before it failed; the error body is JSON and no download.
  for (const name of REPRESENTATION_HEADERS) res.removeHeader(name);
  if (isAppError(err)) {
    if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    sendError(req, res, STATUS[err.kind], err.code, err.message, err.details);
    return;
  }
  const status = (err as { status?: number; type?: string }).status;
  if (status === 400 && (err as { type?: string }).type === 'entity.parse.failed') {
    sendError(req, res, 400, 'invalid_json', 'The request body is not valid JSON', null);
    return;
  }
  if (status === 413) {
    sendError(req, res, 413, 'payload_too_large', 'The request body is too large', null);
    return;
  }
  // A bug or an infrastructure failure: the log gets all of it, the client none of it.
  req.log?.error({ err, route: routeLabel(req) }, 'unexpected error');
  sendError(req, res, 500, 'internal_error', 'Something went wrong on our side', {
    requestId: res.locals.requestId,
  });
};

export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(req, res, 404, 'route_not_found', `No route for ${req.method} ${req.path}`, { path: req.path });
};
