import { messageZh, type ErrorCode } from './messages-zh';

/**
 * Domain errors know nothing about HTTP or GraphQL. Each carries a stable `code`
 * (part of the public contract) and structured `details` that name the field,
 * path, line or column at fault. Transports map `kind` to a status once, at their edge.
 */
export type ErrorKind =
  | 'validation'
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'too_large'
  | 'unsupported'
  | 'unavailable'
  | 'rate_limited'
  | 'client_closed';

export type ErrorDetails = object;

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;
  /** When a retry may succeed; the edges send it as Retry-After. Unset: no advice. */
  retryAfterSeconds?: number;

  constructor(kind: ErrorKind, code: ErrorCode, message: string, details?: ErrorDetails, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }

  /** The same error in Chinese, which agencies read first. */
  get messageZh(): string {
    return messageZh(this.code, this.details);
  }
}

export class ValidationError extends AppError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super('validation', code, message, details);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends AppError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super('not_found', code, message, details);
    this.name = 'NotFoundError';
  }
}

/** The thing existed and was public, and has been withdrawn on purpose (details say when and why). */
export class GoneError extends AppError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super('gone', code, message, details);
    this.name = 'GoneError';
  }
}

export class ConflictError extends AppError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super('conflict', code, message, details);
    this.name = 'ConflictError';
  }
}

export class ForbiddenError extends AppError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super('forbidden', code, message, details);
    this.name = 'ForbiddenError';
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super('unauthorized', code, message, details);
    this.name = 'UnauthorizedError';
  }
}

export class TooLargeError extends AppError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super('too_large', code, message, details);
    this.name = 'TooLargeError';
  }
}

/** A dependency (the database) cannot answer now, and a retry after a pause may succeed. */
export class UnavailableError extends AppError {
  constructor(code: ErrorCode, message: string, retryAfterSeconds: number, details?: ErrorDetails) {
    super('unavailable', code, message, details);
    this.name = 'UnavailableError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The caller sent too many requests (or failed to authenticate too often) in a window. */
export class RateLimitedError extends AppError {
  constructor(code: ErrorCode, message: string, retryAfterSeconds: number, details?: ErrorDetails) {
    super('rate_limited', code, message, details);
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * The client went away before its answer was ready, and the work done for it was stopped.
 * Nobody reads the answer; the kind exists so no edge reports it as a failure of ours.
 */
export class ClientClosedError extends AppError {
  constructor() {
    super('client_closed', 'request_cancelled', 'The client closed the request; its query was cancelled');
    this.name = 'ClientClosedError';
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
