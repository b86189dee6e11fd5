import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type GraphQLFormattedError } from 'graphql';
import { translateDbError } from '../db';
import { isAppError, type AppError, type ErrorKind } from '../errors';
import type { GraphQLContext } from './context';
import { OWN_CODES } from './limits';

/** The one place where GraphQL answers get their `extensions.code` (REST's twin is error-handler.ts). */
const CODES: Partial<Record<ErrorKind, string>> = {
  validation: 'BAD_USER_INPUT',
  not_found: 'NOT_FOUND',
  gone: 'GONE',
  unauthorized: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  unavailable: 'SERVICE_UNAVAILABLE',
  rate_limited: 'RATE_LIMITED',
  client_closed: 'CLIENT_CLOSED_REQUEST',
};

/** The HTTP statuses an answer carrying such an error gets; others keep Apollo's (200 or 400). */
const HTTP_STATUS: Partial<Record<ErrorKind, number>> = { unavailable: 503, rate_limited: 429 };

// Literal input values: a bad one is the caller's input error, as a bad variable already is.
const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.OBJECT_FIELD,
  Kind.OBJECT,
  Kind.LIST,
  Kind.STRING,
  Kind.INT,
  Kind.FLOAT,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
]);

/** The innermost cause: graphql-js and Apollo each wrap errors once more. */
function rootCause(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e;
}

function fromAppError(formatted: GraphQLFormattedError, err: AppError): GraphQLFormattedError {
  const code = CODES[err.kind] ?? 'INTERNAL_SERVER_ERROR';
  return {
    ...formatted,
    message: err.message,
    extensions: {
      code,
      errorCode: err.code,
      messages: { zh: err.messageZh, en: err.message },
      ...(err.details ? { details: err.details } : {}),
    },
  };
}

/**
 * Apollo takes an answer's HTTP status from `extensions.http` of the errors as thrown,
 * before formatError sees them, and a resolver's database error carries none. So the
 * status of an answer whose errors say "retry later" (the database is unreachable) is set
 * here: 503 with Retry-After, as REST answers, so clients and load balancers retry rather
 * than treat it as a bug.
 */
export const errorStatusPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors(rc) {
        for (const error of rc.errors) {
          const cause = translateDbError(rootCause(error));
          if (!isAppError(cause)) continue;
          const status = HTTP_STATUS[cause.kind];
          if (status === undefined) continue;
          rc.response.http.status = status;
          if (cause.retryAfterSeconds !== undefined) {
            rc.response.http.headers.set('retry-after', String(cause.retryAfterSeconds));
          }
          return;
        }
      },
    };
  },
};

/**
 * The answer to a failure before Apollo runs (the catalog could not be read to build the
 * schema): GraphQL-shaped, with the status and Retry-After the plugin above would give.
 */
export function earlyErrorAnswer(
  error: unknown,
): { status: number; retryAfterSeconds?: number; body: { errors: GraphQLFormattedError[] } } | undefined {
  const cause = translateDbError(rootCause(error));
  if (!isAppError(cause)) return undefined;
  const status = HTTP_STATUS[cause.kind];
  if (status === undefined) return undefined;
  return {
    status,
    retryAfterSeconds: cause.retryAfterSeconds,
    body: { errors: [fromAppError({ message: cause.message }, cause)] },
  };
}

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logUnexpected: (cause: unknown) => void = (cause) => console.error('[graphql] unexpected error', cause),
): GraphQLFormattedError {
  const cause = translateDbError(rootCause(error));
  if (isAppError(cause)) return fromAppError(formatted, cause);
  if (cause instanceof GraphQLError) {
    // Made by graphql-js, Apollo or our limit rules: safe to show as it is.
    const own = cause.extensions.code;
    if (typeof own === 'string' && OWN_CODES.has(own)) {
      return { ...formatted, extensions: { ...formatted.extensions, code: own } };
    }
    const nodes = cause.nodes ?? [];
    if (
      formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' &&
      nodes.length > 0 &&
      nodes.every((n) => VALUE_KINDS.has(n.kind))
    ) {
      return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
    }
    return formatted;
  }
  // Anything else is a bug or an infrastructure failure: log it, show nothing of it.
  logUnexpected(cause);
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
