import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isAppError, type ErrorKind } from '../../errors';
import { translateDbError } from '../../db';

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

/** The single place where REST (and later CKAN) turns errors into status codes. */
export const errorHandler: ErrorRequestHandler = (raw, req, res, next) => {
  if (res.headersSent) {
    next(raw);
    return;
  }
  const err = translateDbError(raw);
  if (isAppError(err)) {
    if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    res
      .status(STATUS[err.kind])
      .json({ error: { code: err.code, message: err.message, details: err.details ?? null } });
    return;
  }
  const status = (err as { status?: number; type?: string }).status;
  if (status === 400 && (err as { type?: string }).type === 'entity.parse.failed') {
    res.status(400).json({
      error: { code: 'invalid_json', message: 'The request body is not valid JSON', details: null },
    });
    return;
  }
  if (status === 413) {
    res.status(413).json({
      error: { code: 'payload_too_large', message: 'The request body is too large', details: null },
    });
    return;
  }
  console.error(`[${String(res.locals.requestId ?? '-')}] ${req.method} ${req.originalUrl}`, err);
  res.status(500).json({
    error: {
      code: 'internal_error',
      message: 'Something went wrong on our side',
      details: { requestId: res.locals.requestId },
    },
  });
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({
    error: {
      code: 'route_not_found',
      message: `No route for ${req.method} ${req.path}`,
      details: { path: req.path },
    },
  });
};
