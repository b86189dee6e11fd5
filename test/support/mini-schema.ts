import {
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';

/** A miniature of the real shape: paged connections, a plain list, and an agency ↔ item cycle. */
const page = { first: { type: GraphQLInt, defaultValue: 100 }, after: { type: GraphQLString } };
const Item: GraphQLObjectType = new GraphQLObjectType({
  name: 'Item',
  fields: () => ({
    id: { type: GraphQLString },
    tags: { type: new GraphQLList(GraphQLString) },
    owners: { type: new GraphQLList(Owner) },
    children: { type: new GraphQLNonNull(ItemConnection), args: page },
  }),
});
const Owner: GraphQLObjectType = new GraphQLObjectType({
  name: 'Owner',
  fields: () => ({ id: { type: GraphQLString }, items: { type: new GraphQLList(Item) } }),
});
const ItemConnection: GraphQLObjectType = new GraphQLObjectType({
  name: 'ItemConnection',
  fields: () => ({
    edges: {
      type: new GraphQLList(
        new GraphQLObjectType({
          name: 'ItemEdge',
          fields: { node: { type: Item }, cursor: { type: GraphQLString } },
        }),
      ),
    },
    nodes: { type: new GraphQLList(Item) },
    totalCount: { type: GraphQLInt },
  }),
});
export const miniSchema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: { type: ItemConnection, args: page },
      owners: { type: new GraphQLList(Owner) },
      stats: { type: new GraphQLList(Item), args: { first: { type: GraphQLInt, defaultValue: 1000 } } },
    },
  }),
});
