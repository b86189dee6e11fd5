import { fragmentBombs, type FragmentBomb } from '../../test/support/hostile-graphql';

export interface Attack {
  readonly name: string;
  /** The JSON body sent to POST /graphql. */
  readonly body: unknown;
}

const target = { on: 'Query', leaf: 'datasets(first: 1) { totalCount }' };
const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

/** Every hostile document family we know of, each small enough to send without a token. */
export function graphqlAttacks(): Attack[] {
  const bombs = fragmentBombs(target).map((b: FragmentBomb) => ({ name: b.name, body: { query: b.query } }));
  let deep = 'id';
  for (let i = 0; i < 14; i++) deep = `${i % 2 === 0 ? 'datasets' : 'agencies'} { ${deep} }`;
  return [
    ...bombs,
    { name: 'token flood (10k __typename)', body: { query: `{ ${repeat(10_000, () => '__typename')} }` } },
    {
      name: 'same field × 450 (overlap check)',
      body: { query: `{ ${repeat(450, () => 'agencies { id }')} }` },
    },
    {
      name: 'differing arguments × 190 (overlap check)',
      body: { query: `{ ${repeat(190, (i) => `datasets(first: ${i}) { totalCount }`)} }` },
    },
    {
      name: '150 distinct fragments side by side (overlap check)',
      body: {
        query: `{ ${repeat(150, (i) => `...D${i}`)} }\n${repeat(150, (i) => `fragment D${i} on Query { agencies { id } }`)}`,
      },
    },
    {
      name: 'repeats 8 × 8 × 8 nested (overlap check)',
      body: {
        query: `{ ${repeat(8, () => `agencies { ${repeat(8, () => `datasets { ${repeat(8, () => 'id')} }`)} }`)} }`,
      },
    },
    { name: 'nesting 15 deep', body: { query: `{ agencies { ${deep} } }` } },
    { name: '300 aliases', body: { query: `{ ${repeat(300, (i) => `a${i}: __typename`)} }` } },
    { name: 'directives × 300', body: { query: `{ __typename ${repeat(300, () => '@skip(if: false)')} }` } },
    {
      name: 'variables × 400',
      body: { query: `query(${repeat(400, (i) => `$v${i}: Int`)}) { __typename }` },
    },
    {
      name: 'first: 10^9',
      body: { query: '{ agriculturalPrices(first: 1000000000) { nodes { period } } }' },
    },
    {
      name: 'cost: 25 pages × 10,000 rows',
      body: {
        query: `{ ${repeat(25, (i) => `p${i}: agriculturalPrices(first: 10000) { nodes { avgPrice } }`)} }`,
      },
    },
    { name: 'unknown operationName', body: { query: 'query A { __typename }', operationName: 'B' } },
    { name: 'batch of 100', body: Array.from({ length: 100 }, () => ({ query: '{ agencies { id } }' })) },
  ];
}
