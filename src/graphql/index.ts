export { graphqlRouter, type GraphQLDeps } from './router';
