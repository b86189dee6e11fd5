import { expect } from 'chai';
import { translateDbError } from '../../src/db';
import { AppError } from '../../src/errors';

/** An error shaped like pg's and PGlite's DatabaseError. */
function pgError(code: string, fields: Record<string, string>): Error {
  return Object.assign(new Error(`PostgreSQL says: ${fields.detail ?? code}`), { code, ...fields });
}

describe('translateDbError', () => {
  const cases: Array<[string, Record<string, string>, string, Record<string, unknown>]> = [
    [
      '23502',
      { column: 'title_zh', table: 'datasets', detail: 'Failing row contains (x, null, secret, …).' },
      'not_null_violation',
      { column: 'title_zh', table: 'datasets', constraint: null },
    ],
    [
      '23514',
      { constraint: 'datasets_cadence', table: 'datasets', detail: 'Failing row contains (x, y, hourly).' },
      'check_violation',
      { constraint: 'datasets_cadence', table: 'datasets', column: null },
    ],
    [
      '23505',
      {
        constraint: 'releases_pkey',
        table: 'releases',
        detail: 'Key (dataset_id, "period")=(x, 2017-W01) already exists.',
      },
      'conflict',
      { constraint: 'releases_pkey', columns: ['dataset_id', 'period'] },
    ],
    [
      '23503',
      {
        constraint: 'fk',
        table: 'dataset_agencies',
        detail: 'Key (agency_id)=(nope) is not present in table "agencies".',
      },
      'reference_violation',
      { constraint: 'fk', columns: ['agency_id'] },
    ],
    ['22021', { detail: 'invalid byte sequence for encoding "UTF8": 0x00' }, 'invalid_text', {}],
  ];

  for (const [sqlstate, fields, code, details] of cases) {
    it(`maps ${sqlstate} to ${code}, naming the constraint or column and never PostgreSQL's text`, () => {
      const out = translateDbError(pgError(sqlstate, fields));
      expect(out).to.be.instanceOf(AppError);
      const e = out as AppError;
      expect(e.code).to.equal(code);
      expect(e.details).to.deep.include(details);
      const shown = JSON.stringify({ message: e.message, details: e.details });
      for (const leak of ['Failing row', 'secret', '=(', 'PostgreSQL says', '0x00', 'nope', '2017-W01']) {
        expect(shown, leak).to.not.contain(leak);
      }
    });
  }

  /** How a lost or refused connection reaches us from pg, knex and Node. */
  const outages: Array<[string, Error]> = [
    ['57P01 admin_shutdown (pg_terminate_backend, a fast shutdown)', pgError('57P01', {})],
    ['57P03 cannot_connect_now (starting up)', pgError('57P03', {})],
    ['08006 connection_failure', pgError('08006', {})],
    ['53300 too_many_connections', pgError('53300', {})],
    [
      'ECONNREFUSED (nothing listens)',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'ECONNREFUSED on every address of the host',
      new AggregateError(
        [Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })],
        '',
      ),
    ],
    ['a connection cut under a statement', new Error('ROLLBACK - Connection terminated unexpectedly')],
    [
      'a full pool',
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }),
    ],
    ["pg's pool wait", new Error('timeout exceeded when trying to connect')],
  ];

  for (const [what, err] of outages) {
    it(`maps ${what} to 503-kind database_unavailable with a Retry-After`, () => {
      const out = translateDbError(err) as AppError;
      expect(out).to.be.instanceOf(AppError);
      expect(out).to.include({ kind: 'unavailable', code: 'database_unavailable' });
      expect(out.retryAfterSeconds).to.be.a('number').and.greaterThan(0);
      expect(JSON.stringify(out.details)).to.not.match(/5432|ECONN|ROLLBACK/);
    });
  }

  it('does not read connection words into an error that has its own SQLSTATE', () => {
    const out = translateDbError(
      pgError('23505', { constraint: 'k', detail: 'Key (name)=(Connection terminated) already exists.' }),
    ) as AppError;
    expect(out.code).to.equal('conflict');
  });

  it('leaves other errors alone', () => {
    const plain = new Error('boom');
    expect(translateDbError(plain)).to.equal(plain);
  });
});
