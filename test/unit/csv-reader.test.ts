import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CsvReader, CsvSyntaxError, type CsvRecord } from '../../src/ingest/csv-reader';

/** Reads `text` fed in pieces cut at `cuts`; returns the records or the syntax error. */
function read(text: string, cuts: number[] = [], max?: number): CsvRecord[] | CsvSyntaxError {
  const reader = new CsvReader(max);
  const bounds = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b)];
  const out: CsvRecord[] = [];
  try {
    for (let k = 0; k < bounds.length; k++) {
      reader.feed(text.slice(bounds[k], bounds[k + 1] ?? text.length));
      for (let r = reader.next(); r; r = reader.next()) out.push(r);
    }
    reader.end();
    for (let r = reader.next(); r; r = reader.next()) out.push(r);
    return out;
  } catch (err) {
    if (err instanceof CsvSyntaxError) return err;
    throw err;
  }
}

const failure = (r: CsvRecord[] | CsvSyntaxError) => {
  expect(r).to.be.instanceOf(CsvSyntaxError);
  const e = r as CsvSyntaxError;
  return { reason: e.reason, line: e.line, column: e.column };
};

const quote = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);

describe('CsvReader (RFC 4180, streamed)', () => {
  const cell = fc.string({
    unit: fc.constantFrom('a', '市', ',', '"', '\n', '\r', ' ', '\r\n'),
    maxLength: 6,
  });
  const table = fc
    .integer({ min: 1, max: 4 })
    .chain((width) =>
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }),
    );
  const eol = fc.constantFrom('\n', '\r\n', '\r');

  it('reads back any table however the text is cut into chunks, with each record’s first line', () => {
    fc.assert(
      fc.property(table, eol, fc.array(fc.nat(400)), fc.boolean(), (rows, nl, cuts, finalBreak) => {
        const lines = rows.map((r) => r.map(quote).join(','));
        const text = lines.join(nl) + (finalBreak ? nl : '');
        const got = read(text, cuts);
        expect(got).to.not.be.instanceOf(CsvSyntaxError);
        const records = got as CsvRecord[];
        expect(records.map((r) => r.fields)).to.deep.equal(rows);
        // Line of each record: 1 + line breaks before it (CRLF counts once), quoted ones included.
        let line = 1;
        const expected = lines.map((l) => {
          const at = line;
          line += (l + nl).match(/\r\n|\r|\n/g)!.length;
          return at;
        });
        expect(records.map((r) => r.line)).to.deep.equal(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with csv-parse on well-formed files', () => {
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, nl) => {
        const text = rows.map((r) => r.map(quote).join(',')).join(nl) + nl;
        const ours = (read(text) as CsvRecord[]).map((r) => r.fields);
        expect(ours).to.deep.equal(parse(text, { skip_empty_lines: true, relax_column_count: false }));
      }),
      { numRuns: 200 },
    );
  });

  it('skips empty lines but keeps a line holding an empty quoted field', () => {
    const got = read('a\n\n\r\n""\n\nb\n') as CsvRecord[];
    expect(got.map((r) => [r.line, r.fields])).to.deep.equal([
      [1, ['a']],
      [4, ['']],
      [6, ['b']],
    ]);
  });

  it('reports an unclosed quote where it opened, not at the end of the file', () => {
    const text = 'a,b,c\n1,2,3\n4,"5,6\n7,8,9\n10,11,12\n';
    expect(failure(read(text))).to.deep.equal({ reason: 'CSV_QUOTE_NOT_CLOSED', line: 3, column: 2 });
    expect(failure(read(text, [13, 14, 15]))).to.deep.equal({
      reason: 'CSV_QUOTE_NOT_CLOSED',
      line: 3,
      column: 2,
    });
  });

  it('names the line and field of stray and badly closed quotes', () => {
    expect(failure(read('a,b\nx,y"z\n'))).to.deep.equal({
      reason: 'INVALID_OPENING_QUOTE',
      line: 2,
      column: 2,
    });
    expect(failure(read('a,b\n"x\ny"z,w\n'))).to.deep.equal({
      reason: 'CSV_INVALID_CLOSING_QUOTE',
      line: 3,
      column: 1,
    });
  });

  it('refuses records with another field count, naming the field past the end', () => {
    expect(failure(read('a,b,c\n1,2\n'))).to.deep.equal({
      reason: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
      line: 2,
      column: 3,
    });
    expect(failure(read('a,b\n1,2\n3,4,5\n'))).to.deep.equal({
      reason: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
      line: 3,
      column: 4,
    });
  });

  it('stops a record that grows past the limit, even inside one field spread over chunks', () => {
    const text = `a,b\n1,${'x'.repeat(100)}\n`;
    expect(failure(read(text, [10, 20, 30, 40], 50))).to.deep.equal({
      reason: 'CSV_MAX_RECORD_SIZE',
      line: 2,
      column: 2,
    });
    expect(read(text, [10], 200)).to.have.length(2);
  });
});
