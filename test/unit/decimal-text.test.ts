import { expect } from 'chai';
import fc from 'fast-check';
import { decimalTextToNumber } from '../../src/db/decimal-text';

// PostgreSQL's text for numeric and bigint: optional '-', digits, optional fraction.
const numericText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9]\d{0,20}$/)),
    fc.option(fc.stringMatching(/^\d{0,20}$/), { nil: undefined }),
  )
  .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);

describe('decimal text to number', () => {
  it('gives exactly what Number(text) gives', () => {
    fc.assert(
      fc.property(numericText, (t) => Object.is(decimalTextToNumber(t), Number(t))),
      { numRuns: 50_000 },
    );
    for (const t of [
      '0',
      '-0',
      '0.000',
      '25.10',
      '999999999999999',
      '9999999999999999',
      '0.1',
      '1e5',
      'NaN',
      'Infinity',
      '-Infinity',
      '9007199254740993',
    ])
      expect(Object.is(decimalTextToNumber(t), Number(t)), t).to.equal(true);
  });
});
