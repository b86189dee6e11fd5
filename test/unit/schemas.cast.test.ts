import { expect } from 'chai';
import { castRecord, castValue, checkSchemaDocument } from '../../src/schemas';
import type { CastResult, FieldDef, FieldType } from '../../src/schemas';

const MISSING = [''];

function field(type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return { name: 'v', type, title: { zh: '值', en: 'Value' }, ...extra };
}

const ok = (value: unknown) => ({ ok: true, value });
const rule = (r: CastResult) => (r.ok ? 'ok' : r.rule);

/** Each row: raw cell → expected value (or the failing rule as { rule }). */
function table(f: FieldDef, rows: [string, unknown][]) {
  for (const [raw, expected] of rows) {
    it(`${JSON.stringify(raw)} → ${JSON.stringify(expected)}`, () => {
      const r = castValue(f, raw, MISSING);
      if (expected !== null && typeof expected === 'object' && 'rule' in expected) {
        expect(rule(r)).to.equal((expected as { rule: string }).rule);
      } else {
        expect(r).to.deep.equal(ok(expected));
      }
    });
  }
}

describe('schemas: castValue by type', () => {
  describe('string', () => {
    table(field('string'), [
      ['太原', '太原'],
      ['  padded  ', '  padded  '],
      ['=SUM(A1)', '=SUM(A1)'],
      ['+1-2', '+1-2'],
      ['a\u0000b', { rule: 'type' }],
      ['bad \uD800 surrogate', { rule: 'type' }],
      ['emoji 😀 ok', 'emoji 😀 ok'],
    ]);
  });

  describe('integer', () => {
    table(field('integer'), [
      ['42', 42],
      [' -7 ', -7],
      ['+007', 7],
      ['-0', 0],
      ['9007199254740991', 9007199254740991],
      ['-9007199254740991', -9007199254740991],
      ['9007199254740992', { rule: 'range' }],
      ['99999999999999999999', { rule: 'range' }],
      ['1.0', { rule: 'type' }],
      ['1e3', { rule: 'type' }],
      ['1,234', { rule: 'type' }],
      ['0x10', { rule: 'type' }],
      ['１２', { rule: 'type' }],
    ]);
    it('never yields a negative zero', () => {
      const r = castValue(field('integer'), '-0', MISSING);
      expect(r.ok && Object.is(r.value, -0)).to.equal(false);
    });
  });

  describe('number (canonical decimal text)', () => {
    table(field('number'), [
      ['12.50', '12.50'],
      ['1e3', '1000'],
      ['1.5E-3', '0.0015'],
      ['-2.5e1', '-25'],
      ['+.5', '0.5'],
      ['5.', '5'],
      ['007.10', '7.10'],
      ['-0.0', '0.0'],
      [' 3 ', '3'],
      ['12345678901234567890.123456789', '12345678901234567890.123456789'],
      ['1e400', { rule: 'type' }],
      ['-1e400', { rule: 'type' }],
      ['1e-20000', { rule: 'range' }],
      ['NaN', { rule: 'type' }],
      ['Infinity', { rule: 'type' }],
      ['1,234', { rule: 'type' }],
      ['12%', { rule: 'type' }],
      ['.', { rule: 'type' }],
      ['e5', { rule: 'type' }],
      ['0x1F', { rule: 'type' }],
    ]);
    it('handles zero with an absurd exponent cheaply', () => {
      expect(castValue(field('number'), '0e999999999', MISSING)).to.deep.equal(ok('0'));
    });
  });

  describe('boolean', () => {
    table(field('boolean'), [
      ['true', true],
      ['FALSE', false],
      ['1', true],
      ['0', false],
      ['Yes', true],
      ['no', false],
      ['是', true],
      ['否', false],
      [' 是 ', true],
      ['对', { rule: 'type' }],
      ['2', { rule: 'type' }],
    ]);
  });

  describe('date', () => {
    table(field('date'), [
      ['2017-03-05', '2017-03-05'],
      ['2017/3/5', '2017-03-05'],
      ['2016/02/29', '2016-02-29'],
      ['2017/13/45', { rule: 'type' }],
      ['2017-02-30', { rule: 'type' }],
      ['2017/2/29', { rule: 'type' }],
      ['2017-3-5', { rule: 'type' }],
      ['2017-03-05T00:00', { rule: 'type' }],
      ['0217-03-05', { rule: 'type' }],
      ['05/03/2017', { rule: 'type' }],
    ]);
  });

  describe('year', () => {
    table(field('year'), [
      ['2017', 2017],
      [' 1999 ', 1999],
      ['0999', { rule: 'range' }],
      ['3000', { rule: 'range' }],
      ['17', { rule: 'type' }],
      ['2017.0', { rule: 'type' }],
    ]);
  });

  describe('yearmonth', () => {
    table(field('yearmonth'), [
      ['2017-03', '2017-03'],
      ['2017/3', '2017-03'],
      ['2017/12', '2017-12'],
      ['2017-13', { rule: 'type' }],
      ['2017-3', { rule: 'type' }],
      ['2017/0', { rule: 'type' }],
    ]);
  });

  describe('period', () => {
    table(field('period', { periodKind: 'month' }), [
      ['2017-03', '2017-03'],
      [' 2017-03 ', '2017-03'],
      ['2017-13', { rule: 'type' }],
      ['2017-Q1', { rule: 'type' }],
    ]);
    table(field('period', { periodKind: 'quarter' }), [
      ['2017-q2', '2017-Q2'],
      ['2017-03', { rule: 'type' }],
    ]);
    table(field('period', { periodKind: 'week' }), [['2017-w5', '2017-W05']]);
  });
});

describe('schemas: castValue missing values and constraints', () => {
  it('maps missing values to null', () => {
    expect(castValue(field('integer'), 'NA', ['', 'NA'])).to.deep.equal(ok(null));
    expect(castValue(field('integer'), '', [''])).to.deep.equal(ok(null));
    expect(castValue(field('integer'), '  ', [''])).to.deep.equal(ok(null));
    expect(castValue(field('string'), '  ', [''])).to.deep.equal(ok('  '));
    expect(rule(castValue(field('integer'), '', []))).to.equal('type');
  });

  it('reports required when a required value is missing', () => {
    const f = field('number', { constraints: { required: true } });
    expect(rule(castValue(f, '', MISSING))).to.equal('required');
    expect(rule(castValue(f, '-', ['-']))).to.equal('required');
  });

  it('checks minimum and maximum numerically', () => {
    const f = field('number', { constraints: { minimum: '0.5', maximum: 100 } });
    expect(rule(castValue(f, '0.49', MISSING))).to.equal('minimum');
    expect(rule(castValue(f, '0.50', MISSING))).to.equal('ok');
    expect(rule(castValue(f, '100.000', MISSING))).to.equal('ok');
    expect(rule(castValue(f, '100.0001', MISSING))).to.equal('maximum');
    expect(rule(castValue(f, '9', MISSING))).to.equal('ok'); // '9' > '100' lexically
    const i = field('integer', { constraints: { minimum: -10 } });
    expect(rule(castValue(i, '-11', MISSING))).to.equal('minimum');
  });

  it('checks bounds of canonical dates, yearmonths and periods', () => {
    const d = field('date', { constraints: { minimum: '2017-01-01' } });
    expect(rule(castValue(d, '2016/12/31', MISSING))).to.equal('minimum');
    expect(rule(castValue(d, '2017/1/1', MISSING))).to.equal('ok');
    const ym = field('yearmonth', { constraints: { maximum: '2017/6' } });
    expect(rule(castValue(ym, '2017-07', MISSING))).to.equal('maximum');
    const p = field('period', { periodKind: 'week', constraints: { minimum: '2017-W10' } });
    expect(rule(castValue(p, '2017-W9', MISSING))).to.equal('minimum');
    expect(rule(castValue(p, '2017-W10', MISSING))).to.equal('ok');
  });

  it('checks enum against canonical values', () => {
    const s = field('string', { constraints: { enum: ['太原', '大同'] } });
    expect(rule(castValue(s, '太原', MISSING))).to.equal('ok');
    expect(rule(castValue(s, '朔州', MISSING))).to.equal('enum');
    const n = field('number', { constraints: { enum: [1.5, '2'] } });
    expect(castValue(n, '1.50', MISSING)).to.deep.equal(ok('1.50'));
    expect(rule(castValue(n, '2.0', MISSING))).to.equal('ok');
    expect(rule(castValue(n, '3', MISSING))).to.equal('enum');
    const b = field('boolean', { constraints: { enum: ['true'] } });
    expect(rule(castValue(b, '是', MISSING))).to.equal('ok');
    expect(rule(castValue(b, '否', MISSING))).to.equal('enum');
  });

  it('matches pattern against the whole value', () => {
    const f = field('string', { constraints: { pattern: '[0-9]{6}' } });
    expect(rule(castValue(f, '140100', MISSING))).to.equal('ok');
    expect(rule(castValue(f, '1401000', MISSING))).to.equal('pattern');
    expect(rule(castValue(f, 'x140100', MISSING))).to.equal('pattern');
    const alt = field('string', { constraints: { pattern: 'a|b' } });
    expect(rule(castValue(alt, 'ab', MISSING))).to.equal('pattern');
    const cjk = field('string', { constraints: { pattern: '\\p{Script=Han}+' } });
    expect(rule(castValue(cjk, '太原', MISSING))).to.equal('ok');
  });

  it('counts lengths in code points', () => {
    const f = field('string', { constraints: { minLength: 2, maxLength: 3 } });
    expect(rule(castValue(f, '太', MISSING))).to.equal('minLength');
    expect(rule(castValue(f, '😀😀😀', MISSING))).to.equal('ok');
    expect(rule(castValue(f, '太原市区', MISSING))).to.equal('maxLength');
  });
});

describe('schemas: castRecord', () => {
  const schema = checkSchemaDocument({
    fields: [
      { name: 'period', type: 'period', periodKind: 'month', title: { zh: '期间', en: 'Period' } },
      { name: 'region', type: 'string', title: { zh: '地区', en: 'Region' } },
      { name: 'price', type: 'number', title: { zh: '价格', en: 'Price' } },
      { name: 'note', type: 'string', title: { zh: '备注', en: 'Note' } },
    ],
    primaryKey: ['period', 'region'],
    missingValues: ['', '-'],
  });

  it('casts every field and uses the schema missing values', () => {
    const r = castRecord(schema, {
      period: '2017-03',
      region: '太原',
      price: '-',
      note: '=HYPERLINK("x")',
      extra: 'z',
    });
    expect(r.errors).to.deep.equal([]);
    expect(r.values).to.deep.equal({
      period: '2017-03',
      region: '太原',
      price: null,
      note: '=HYPERLINK("x")',
    });
  });

  it('collects one error per failing field, treating absent keys as missing', () => {
    const r = castRecord(schema, { period: '2017/3', price: '1,2', note: undefined });
    expect(r.errors.map((e) => [e.field, e.rule, e.value])).to.deep.equal([
      ['period', 'type', '2017/3'],
      ['region', 'required', ''],
      ['price', 'type', '1,2'],
    ]);
    expect(r.values).to.deep.equal({ note: null });
  });
});
