import { expect } from 'chai';
import { getJson, testServer } from '../support/server';

async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await getJson('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, data: res.body.data, errors: res.body.errors as any[] | undefined };
}

const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;

describe('GraphQL query limits', function () {
  this.timeout(300_000);
  before(() => testServer());

  it('rejects a query nested deeper than 10 levels with DEPTH_LIMIT_EXCEEDED', async () => {
    let deep = 'id';
    for (let i = 0; i < 10; i++) deep = `${i % 2 === 0 ? 'datasets' : 'agencies'} { ${deep} }`;
    const r = await gql(`{ agencies { ${deep} } }`);
    expect(r.status).to.equal(400);
    expect(codeOf(r)).to.equal('DEPTH_LIMIT_EXCEEDED');
    expect(r.data).to.equal(undefined);
  });

  it('accepts the deepest useful path (nine levels)', async () => {
    // A dataset with releases: most of the catalogue is defined but not yet published.
    const r = await gql(
      '{ datasets(first: 1, agency: "sx-grain") { edges { node { releases(first: 1) { edges { node { period { label { zh } } } } } } } } }',
    );
    expect(r.errors).to.equal(undefined);
    expect(r.data.datasets.edges[0].node.releases.edges[0].node.period.label.zh).to.be.a('string');
  });

  it('rejects more than 30 aliases with ALIAS_LIMIT_EXCEEDED', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: agencies { id }`).join(' ');
    const r = await gql(`{ ${aliases} }`);
    expect(r.status).to.equal(400);
    expect(codeOf(r)).to.equal('ALIAS_LIMIT_EXCEEDED');
  });

  it('rejects an expensive query with COST_LIMIT_EXCEEDED before running it', async () => {
    const wide = Array.from(
      { length: 25 },
      (_, i) => `p${i}: agriculturalPrices(first: 10000) { nodes { avgPrice } }`,
    ).join(' ');
    const started = Date.now();
    const r = await gql(`{ ${wide} }`);
    expect(r.status).to.equal(400);
    expect(codeOf(r)).to.equal('COST_LIMIT_EXCEEDED');
    expect(r.errors![0].extensions.cost).to.equal(250_000);
    expect(Date.now() - started).to.be.lessThan(5_000);
    const nested = await gql(
      'query($n: Int) { datasets(first: 100) { nodes { releases(first: $n) { totalCount } } } }',
      { n: 5_000 },
    );
    expect(codeOf(nested)).to.equal('COST_LIMIT_EXCEEDED');
    expect(nested.errors![0].extensions.cost).to.equal(100 + 100 * 5_000);
  });

  it('accepts first up to 10,000 and refuses more (literal or variable) with BAD_USER_INPUT', async () => {
    const okBig = await gql('{ waterQualityRankings(first: 10000) { totalCount } }');
    expect(okBig.errors).to.equal(undefined);
    const literal = await gql('{ agriculturalPrices(first: 10001) { totalCount } }');
    expect(literal.status).to.equal(400);
    expect(codeOf(literal)).to.equal('BAD_USER_INPUT');
    const variable = await gql('query($n: Int) { datasets(first: $n) { totalCount } }', { n: 20_000 });
    expect(codeOf(variable)).to.equal('BAD_USER_INPUT');
    const negative = await gql('{ agriculturalPricesAggregate(first: -1) { count } }');
    expect(codeOf(negative)).to.equal('BAD_USER_INPUT');
  });

  it('runs every statement under PostgreSQL’s statement_timeout on a server database', async function () {
    const { db } = await testServer();
    if (db.dialect !== 'pg') this.skip(); // embedded PGlite: one in-process connection, no timeout
    // Both pools (knex's, and the read pool of the row queries) carry the setting on every
    // connection (src/db/database.ts).
    const sql = `select extract(epoch from current_setting('statement_timeout')::interval) * 1000 as ms`;
    const expected = Number(process.env.STATEMENT_TIMEOUT_MS || 30_000);
    const { rows } = await db.knex.raw(sql);
    expect(Number(rows[0].ms)).to.equal(expected);
    const read = await db.read({ text: sql, values: [] });
    expect(Number(read[0]![0])).to.equal(expected);
  });
});
