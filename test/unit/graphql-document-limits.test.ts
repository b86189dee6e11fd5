import { expect } from 'chai';
import { getOperationAST, parse, visit, type DocumentNode } from 'graphql';
import { operationCost } from '../../src/graphql/cost';
import { documentShape } from '../../src/graphql/document-shape';
import { LIMIT_CODES, LIMITS } from '../../src/graphql/limits';
import { DocumentGate } from '../../src/graphql/document-gate';
import { documentLimitErrors } from '../../src/graphql/document-limits';
import { fragmentBombs, fragmentChain } from '../support/hostile-graphql';
import { miniSchema } from '../support/mini-schema';

const target = { on: 'Query', leaf: 'items(first: 1) { totalCount }' };

const codes = (query: string) => documentLimitErrors(parse(query)).map((e) => e.extensions.code);

/** Fields, spreads and inline fragments written in the document: its size as the rules see it. */
function selectionNodes(document: DocumentNode): number {
  let n = 0;
  const count = () => void n++;
  visit(document, { Field: count, FragmentSpread: count, InlineFragment: count });
  return n;
}

describe('GraphQL document limits', () => {
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

  it('counts a fragment once per spread of it, as the query expands', () => {
    const shape = documentShape(parse(fragmentChain(target, 3, 2).query)).operations[0]!.shape;
    // F3 → 2 × F2 → 4 × F1 → 8 × F0, whose leaf is two fields.
    expect(shape).to.deep.include({ depth: 2, selections: 16, spreads: 2 + 4 + 8 + 1 });
  });

  it('answers a short chain and refuses a long one with the code of the limit it breaks', () => {
    expect(codes(fragmentChain(target, 5, 2).query)).to.deep.equal([]);
    expect(codes(fragmentChain(target, 9, 2).query)).to.deep.equal([LIMIT_CODES.fragmentSpreads]);
    expect(codes(fragmentChain(target, 3, 8).query)).to.deep.equal([LIMIT_CODES.fragmentSpreads]);
    const wideLeaf = { on: 'Query', leaf: Array.from({ length: 60 }, () => 'owners { id }').join(' ') };
    expect(codes(fragmentChain(wideLeaf, 5, 2).query)).to.include(LIMIT_CODES.selections);
  });

  it(`refuses a field repeated more than ${LIMITS.repeats} times in one selection set, inline fragments included`, () => {
    const repeated = (n: number) => Array.from({ length: n }, () => 'owners { id }').join(' ');
    expect(codes(`{ ${repeated(LIMITS.repeats)} }`)).to.deep.equal([]);
    expect(codes(`{ owners { id } ... on Query { ${repeated(LIMITS.repeats)} } }`)).to.deep.equal([
      LIMIT_CODES.repeats,
    ]);
    const [error] = documentLimitErrors(parse(`{ items { nodes { ${Array(20).fill('id').join(' ')} } } }`));
    expect(error!.extensions).to.deep.include({ code: LIMIT_CODES.repeats, repeats: 20 });
    expect(error!.message).to.include('"id"');
    // Different aliases are different answers, not repeats.
    expect(
      codes(`{ ${Array.from({ length: 20 }, (_, i) => `o${i}: owners { id }`).join(' ')} }`),
    ).to.deep.equal([]);
  });

  it(`refuses a document of more than ${LIMITS.tokens} tokens, and leaves syntax errors to Apollo`, () => {
    const gate = new DocumentGate();
    const flood = `{ ${Array(LIMITS.tokens).fill('__typename').join(' ')} }`;
    expect(gate.check(flood)[0]!.extensions).to.deep.equal({
      code: LIMIT_CODES.tokens,
      limit: LIMITS.tokens,
    });
    expect(gate.check('{ __typename ')).to.deep.equal([]);
    expect(gate.check('{ __typename }')).to.deep.equal([]);
    expect(gate.check(fragmentChain(target, 30, 2).query).map((e) => e.extensions?.code)).to.include(
      LIMIT_CODES.selections,
    );
  });

  it('measures every fragment bomb with work linear in the size of the document', () => {
    for (const bomb of fragmentBombs(target)) {
      const document = parse(bomb.query);
      const size = selectionNodes(document);
      const shape = documentShape(document);
      // Every selection node is looked at exactly once, however often its fragment is spread.
      expect(shape.visited, bomb.name).to.equal(size);
      const cost = operationCost(miniSchema, document, getOperationAST(document)!);
      // At most once per page context (inside a page or not).
      expect(cost.visited, bomb.name).to.be.at.most(2 * size);
      const breached = shape.operations[0]!.shape;
      if (size > 100) expect(breached.spreads, bomb.name).to.be.greaterThan(LIMITS.fragmentSpreads);
    }
  });

  it('does twenty times the work for a chain twenty times as long, not 2^20 times', () => {
    const visited = (links: number) => documentShape(parse(fragmentChain(target, links, 2).query)).visited;
    const ratio = visited(1000) / visited(50);
    expect(ratio).to.be.within(15, 25);
  });
});
