import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../observability';
import type { GraphQLContext } from './context';

/** Counts each operation Apollo resolves, by its name (bounded in Metrics) and type. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (rc.operation) metrics.graphqlOperation(rc.operationName, rc.operation.operation);
        },
      };
    },
  };
}
