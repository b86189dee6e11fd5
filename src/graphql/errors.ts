import { GraphQLError, Kind, type GraphQLFormattedError } from 'graphql';
import { translateDbError } from '../db';
import { isAppError, type AppError, type ErrorKind } from '../errors';
import { OWN_CODES } from './limits';

/** The one place where GraphQL answers get their `extensions.code` (REST's twin is error-handler.ts). */
const CODES: Partial<Record<ErrorKind, string>> = {
  validation: 'BAD_USER_INPUT',
  not_found: 'NOT_FOUND',
  unauthorized: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
};

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

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
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
  console.error('[graphql] unexpected error', cause);
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
