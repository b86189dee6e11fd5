import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { MAX_FIRST } from './connection';
import type { GraphQLContext } from './context';
import { operationCost, type CostReport } from './cost';
import { LIMIT_CODES, LIMITS } from './limits';

const badRequest = { status: 400 };

// An operation without variables costs the same every time: its cost is kept with the
// (cached, reused) document node, per schema.
const fixedCosts = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, CostReport>>();

function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): CostReport {
  if (operation.variableDefinitions?.length) return operationCost(schema, document, operation, variables);
  let bySchema = fixedCosts.get(schema);
  if (!bySchema) fixedCosts.set(schema, (bySchema = new WeakMap()));
  let report = bySchema.get(operation);
  if (!report) bySchema.set(operation, (report = operationCost(schema, document, operation, variables)));
  return report;
}

/**
 * With a gateway executor, Apollo would hand an unresolved operation (an unknown
 * `operationName`, or several operations and none named) to the executor, which fails
 * with a TypeError; it is the caller's mistake, answered as graphql-js words it.
 */
export const operationResolutionPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation(rc) {
        if (rc.operation) return;
        const name = rc.request.operationName;
        throw new GraphQLError(
          name
            ? `Unknown operation named "${name}".`
            : 'Must provide operation name if query contains multiple operations.',
          { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: badRequest } },
        );
      },
    };
  },
};

/**
 * The cost limit and the bound on `first` need the request's variables, which validation
 * rules never see (and Apollo skips validation for documents it has cached), so they are
 * checked once the operation is resolved and before anything executes.
 */
export const costLimitPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation(rc) {
        if (!rc.operation) return;
        const { cost, firsts } = costOf(rc.schema, rc.document, rc.operation, rc.request.variables);
        const bad = firsts.find(
          (f) =>
            f.value !== null &&
            (!Number.isInteger(f.value) || (f.value as number) < 0 || (f.value as number) > MAX_FIRST),
        );
        if (bad) {
          throw new GraphQLError(`first must be an integer from 0 to ${MAX_FIRST}`, {
            extensions: {
              code: 'BAD_USER_INPUT',
              errorCode: 'invalid_parameter',
              details: { parameter: 'first', field: bad.field, value: bad.value, maximum: MAX_FIRST },
              http: badRequest,
            },
          });
        }
        if (cost > LIMITS.cost) {
          throw new GraphQLError(
            `The query could return up to ${cost} items; the limit is ${LIMITS.cost}. Ask for smaller pages.`,
            { extensions: { code: LIMIT_CODES.cost, cost, limit: LIMITS.cost, http: badRequest } },
          );
        }
      },
    };
  },
};

/** Notes collected while resolving (e.g. a truncated aggregate) go out as `extensions.warnings`. */
export const warningsPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse(rc) {
        const { warnings } = rc.contextValue;
        if (warnings.length === 0 || rc.response.body.kind !== 'single') return;
        const result = rc.response.body.singleResult;
        result.extensions = { ...result.extensions, warnings: [...warnings] };
      },
    };
  },
};
