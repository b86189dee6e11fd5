import { expect } from 'chai';
import fc from 'fast-check';
import { NOTICE_DATASETS } from '../../src/notice';
import { castValue, checkSchemaDocument, type FieldDef } from '../../src/schemas';
import { compilePattern } from '../../src/schemas/pattern';

const MISSING = [''];

const patterned = (pattern: string): FieldDef => ({
  name: 'code',
  type: 'string',
  title: { zh: '代码', en: 'Code' },
  constraints: { pattern },
});

const rule = (f: FieldDef, raw: string) => {
  const r = castValue(f, raw, MISSING);
  return r.ok ? 'ok' : r.rule;
};

/** The meaning a pattern has always had: JavaScript, `u` flag, the whole value. */
const jsMatches = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`, 'u').test(value);

function re2Matches(pattern: string, value: string): boolean {
  const c = compilePattern(pattern);
  if (!c.ok) throw new Error(`${pattern} does not compile: ${c.reason}`);
  return c.matcher.matches(value);
}

/** Characters on which the two dialects differ, or which the patterns below care about. */
const CHARS = [
  ...'ab01459X-_/.:[]!',
  ' ',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\b',
  '太',
  '原',
  'Ａ',
  '😀',
  '\u0000',
];

// Each one exercises a rewrite in src/schemas/pattern-syntax.ts, or plain shared syntax.
const PATTERNS = [
  '.+',
  'a.b',
  '\\s+',
  '\\S+',
  '[\\s\\d]+',
  '[^\\s]+',
  '[\\Sa]',
  'https?://\\S+',
  '\\p{Script=Han}+',
  '\\p{sc=Han}\\P{Script=Han}',
  '\\p{Lu}|\\p{gc=Nd}',
  '[\\u4e00-\\u9fa5]+',
  '\\uD83D\\uDE00|\\u{1F600}a',
  '\\x41|\\u0061|\\cI',
  '\\0|[\\b]',
  '[]|a',
  '[^]{2}',
  '[[]|[\\[\\]]',
  '(?<year>\\d{4})-(?:0[1-9]|1[0-2])',
  '\\d{2,4}\\w*\\b',
  'a|ab|abc',
  '(a+)+',
  '^a$|^b',
  '[a-c\\-x]',
  '.*?X',
  '14\\d{2}(?:0[1-9]|[1-9]\\d)',
];

describe('schemas: pattern constraints run on RE2', () => {
  it('matches exactly what the JavaScript pattern matches (property, whole value)', () => {
    const value = fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((cs) => cs.join(''));
    for (const pattern of PATTERNS) {
      fc.assert(
        fc.property(value, (v) => {
          expect(re2Matches(pattern, v), `${pattern} on ${JSON.stringify(v)}`).to.equal(
            jsMatches(pattern, v),
          );
        }),
        { numRuns: 300 },
      );
    }
  });

  it('answers a catastrophic-backtracking pattern on a hostile value, in both outcomes', () => {
    const f = patterned('(a+)+$');
    expect(rule(f, `${'a'.repeat(30)}!`)).to.equal('pattern');
    expect(rule(f, 'a'.repeat(5000))).to.equal('ok');
    const nested = patterned('(x+x+)+y');
    expect(rule(nested, 'x'.repeat(5000))).to.equal('pattern');
  });

  it('compiles every pattern of the notice catalogue', () => {
    const patterns = NOTICE_DATASETS.flatMap((d) =>
      d.schema.fields.flatMap((f) => (f.constraints?.pattern ? [f.constraints.pattern] : [])),
    );
    expect(patterns.length).to.be.greaterThan(5);
    for (const p of new Set(patterns)) expect(compilePattern(p).ok, p).to.equal(true);
  });

  it('refuses backreferences, lookaround and huge repeats at registration, naming the pattern', () => {
    for (const pattern of [
      '(a)\\1',
      '(?<n>a)\\k<n>',
      '(?=a)a',
      '(?!0)\\d',
      'a(?<=a)',
      '(?<!b)a',
      'a{1001}',
    ]) {
      const doc = {
        fields: [
          { name: 'period', type: 'period', periodKind: 'month', title: { zh: '月份', en: 'Month' } },
          patterned(pattern),
        ],
        primaryKey: ['period'],
      };
      let err: any;
      try {
        checkSchemaDocument(doc);
      } catch (e) {
        err = e;
      }
      expect(err?.code, pattern).to.equal('invalid_schema');
      expect(err.details.map((i: { path: string }) => i.path)).to.deep.equal([
        '$.fields[1].constraints.pattern',
      ]);
    }
  });

  it('still runs a stored pattern RE2 cannot compile, with its JavaScript meaning', () => {
    // Registered before patterns ran on RE2 (the notice's county code used a lookahead).
    const f = patterned('^14\\d{2}(?!00)\\d{2}$');
    expect(rule(f, '140105')).to.equal('ok');
    expect(rule(f, '140100')).to.equal('pattern');
  });
});
