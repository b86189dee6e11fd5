import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { GraphQLError, getVariableValues, type ExecutionResult } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { Lru } from '../cache';
import type { GraphQLContext } from './context';
import { schemaId } from './schema-id';

type Gateway = ApolloServerOptionsWithGateway<GraphQLContext>['gateway'];
export type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Compiled operations kept; a compiled query holds generated code, so the set is bounded. */
const MAX_COMPILED = 300;

/**
 * Executes operations with graphql-jit: each distinct operation (schema, query text,
 * operation name) is compiled once into plain JavaScript that resolves, completes and
 * checks exactly its own selection, instead of graphql-js walking the document for every
 * field of every row. Apollo has already parsed and validated the document and resolved
 * the operation; errors come back as GraphQL errors and go through formatError as before.
 */
export function jitExecutor(): Executor {
  const compiled = new Lru<CompiledQuery | ExecutionResult>(MAX_COMPILED, MAX_COMPILED);
  return async (rc) => {
    const key = `${schemaId(rc.schema)}:${rc.operationName ?? ''}:${rc.queryHash}`;
    let query = compiled.get(key);
    if (!query) {
      query = compileQuery(rc.schema, rc.document, rc.operationName ?? undefined, {
        // Error stacks are never shown to clients; capturing them costs time per error.
        disablingCapturingStackErrors: true,
      });
      compiled.set(key, query, 1);
    }
    const result = isCompiledQuery(query)
      ? await query.query(undefined, rc.context, rc.request.variables ?? {})
      : query;
    if (!result.errors) return result;
    if (result.data === undefined)
      return { errors: variableErrors(rc) ?? result.errors.map(asGraphQLJsError) };
    return { ...result, errors: result.errors.map(asGraphQLJsError) };
  };
}

/**
 * Errors without data are the variables' (execution had not begun). graphql-jit names the
 * wrong variable after the innermost input field (`$in` for `$filter.rank.in[0]`), so
 * graphql-js coerces them once more, on this failing path only, to say which variable and
 * which path are wrong in the words Apollo recognises as the caller's input error (400).
 */
function variableErrors(rc: Parameters<Executor>[0]): readonly GraphQLError[] | undefined {
  const coerced = getVariableValues(
    rc.schema,
    rc.operation.variableDefinitions ?? [],
    rc.request.variables ?? {},
    { maxErrors: 50 },
  );
  return coerced.errors?.length ? coerced.errors : undefined;
}

/**
 * graphql-jit's errors leave `extensions` undefined when the cause has none, where Apollo
 * (like graphql-js) expects an object; rebuilt as graphql-js errors with the same message,
 * locations, path and cause, they format exactly as before.
 */
function asGraphQLJsError(e: GraphQLError): GraphQLError {
  if (e.extensions) return e;
  const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError });
  if (e.locations) (error as { locations: GraphQLError['locations'] }).locations = e.locations;
  return error;
}
