import { GraphQLList, GraphQLNonNull, type GraphQLNullableType } from 'graphql';

export const nonNull = <T extends GraphQLNullableType>(t: T) => new GraphQLNonNull(t);

/** `[T!]!`: a list that is never null and holds no nulls. */
export const listOf = <T extends GraphQLNullableType>(t: T) =>
  new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(t)));
