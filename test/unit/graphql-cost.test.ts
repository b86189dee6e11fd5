import { expect } from 'chai';
import {
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { PLAIN_LIST_SIZE, operationCost } from '../../src/graphql/cost';
import { LIMIT_CODES, LIMITS } from '../../src/graphql/limits';
import { AliasLimitRule, DepthLimitRule } from '../../src/graphql/validation-rules';

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
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: { type: ItemConnection, args: page },
      owners: { type: new GraphQLList(Owner) },
      stats: { type: new GraphQLList(Item), args: { first: { type: GraphQLInt, defaultValue: 1000 } } },
    },
  }),
});

function cost(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  return operationCost(schema, document, getOperationAST(document)!, variables);
}

describe('GraphQL query cost', () => {
  it('counts a page by its first, and the edges/nodes inside it as the same items', () => {
    expect(cost('{ items(first: 10) { totalCount edges { node { id } } nodes { id } } }').cost).to.equal(10);
    expect(cost('{ items { nodes { id } } }').cost).to.equal(100);
  });

  it('multiplies nested pages by the enclosing ones', () => {
    const q = '{ items(first: 50) { edges { node { children(first: 100) { nodes { id } } } } } }';
    expect(cost(q).cost).to.equal(50 + 50 * 100);
  });

  it('reads first from variables, then the operation default, then the schema default', () => {
    const q = 'query($n: Int) { items(first: $n) { nodes { id } } }';
    expect(cost(q, { n: 7 }).cost).to.equal(7);
    expect(cost(q).cost).to.equal(100);
    expect(cost('query($n: Int = 3) { items(first: $n) { nodes { id } } }').cost).to.equal(3);
    expect(cost(q, { n: 20_000 }).firsts).to.deep.equal([{ field: 'items', value: 20_000 }]);
  });

  it('sums aliases, follows fragments and counts unpaged object lists as PLAIN_LIST_SIZE', () => {
    const q = `{ a: items(first: 10) { ...F } b: items(first: 20) { ...F } owners { id } }
      fragment F on ItemConnection { nodes { id tags } }`;
    expect(cost(q).cost).to.equal(10 + 20 + PLAIN_LIST_SIZE);
    expect(cost('{ owners { items { id } } }').cost).to.equal(PLAIN_LIST_SIZE + PLAIN_LIST_SIZE ** 2);
  });

  it('treats a paged list field (aggregate groups) like a page', () => {
    expect(cost('{ stats { id } }').cost).to.equal(1000);
    expect(cost('{ stats(first: 5) { id } }').cost).to.equal(5);
  });

  it('ignores introspection', () => {
    expect(cost('{ __schema { types { name fields { name } } } }').cost).to.equal(0);
  });
});

describe('GraphQL depth and alias rules', () => {
  const codes = (query: string) =>
    validate(schema, parse(query), [...specifiedRules, DepthLimitRule, AliasLimitRule]).map(
      (e) => e.extensions.code,
    );

  it(`rejects selections deeper than ${LIMITS.depth} levels, through fragments too`, () => {
    // owners → items → … nine levels of fields, then id: exactly the limit.
    let deep = 'id';
    for (let i = 0; i < 9; i++) deep = `${i % 2 === 0 ? 'owners' : 'items'} { ${deep} }`;
    expect(codes(`{ ${deep} }`)).to.deep.equal([]);
    const tooDeep =
      '{ owners { items { owners { items { owners { items { ...O } } } } } } } fragment O on Item { owners { items { owners { items { id } } } } }';
    expect(codes(tooDeep)).to.deep.equal([LIMIT_CODES.depth]);
  });

  it('does not count introspection depth (GraphiQL asks for deep ofType chains)', () => {
    const q =
      '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }';
    expect(codes(q)).to.deep.equal([]);
  });

  it(`rejects more than ${LIMITS.aliases} aliases`, () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ');
    expect(codes(`{ ${aliases(LIMITS.aliases)} }`)).to.deep.equal([]);
    expect(codes(`{ ${aliases(LIMITS.aliases + 1)} }`)).to.deep.equal([LIMIT_CODES.aliases]);
  });
});
