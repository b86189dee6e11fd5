import { expect } from 'chai';
import { getOperationAST, parse } from 'graphql';
import { PLAIN_LIST_SIZE, operationCost } from '../../src/graphql/cost';
import { miniSchema } from '../support/mini-schema';

function cost(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  return operationCost(miniSchema, document, getOperationAST(document)!, variables);
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
