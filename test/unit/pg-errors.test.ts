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

  it('leaves other errors alone', () => {
    const plain = new Error('boom');
    expect(translateDbError(plain)).to.equal(plain);
  });
});
