import { expect } from 'chai';
import knexFactory from 'knex';
import { compiledStatement, withLimit } from '../../src/query/compiled-statements';
import type { RowPlan } from '../../src/query/row-plan';

// Compiles only: a pg client with no connection never touches a database.
const knex = knexFactory({ client: 'pg' });

function plan(): RowPlan {
  const core = {};
  return { core } as unknown as RowPlan;
}

describe('statements compiled once per plan and shape', () => {
  after(() => knex.destroy());

  it('builds a plan’s statement once per shape and binds every value, the limit included', () => {
    const p = plan();
    let builds = 0;
    const build = () => {
      builds++;
      return knex('prices').select('city').where('product', '猪肉').groupBy('city').orderBy('city');
    };
    const first = compiledStatement(p, 'by-city', build);
    expect(compiledStatement(p, 'by-city', build)).to.equal(first);
    expect(builds).to.equal(1);
    expect(first.values).to.deep.equal(['猪肉']);
    const limited = withLimit(first, 101);
    expect(limited.text).to.equal(`${first.text} limit $2`);
    expect(limited.values).to.deep.equal(['猪肉', 101]);
    expect(first.values, 'the kept statement is not changed').to.deep.equal(['猪肉']);
    compiledStatement(plan(), 'by-city', build);
    expect(builds, 'another plan has statements of its own').to.equal(2);
  });

  it('keeps a bounded amount however many shapes requests make up', () => {
    const p = plan();
    let builds = 0;
    const long = 'x'.repeat(100_000);
    const build = () => {
      builds++;
      return knex('prices').select('city').where('product', long);
    };
    compiledStatement(p, 'shape-0', build);
    for (let i = 1; i <= 200; i++) compiledStatement(p, `shape-${i}`, build);
    expect(builds).to.equal(201);
    compiledStatement(p, 'shape-0', build);
    expect(builds, 'the oldest shape was let go, and is built again').to.equal(202);
  });
});
