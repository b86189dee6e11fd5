import { expect } from 'chai';
import fc from 'fast-check';
import { assertJsonDepth, findDepthBreach } from '../../src/ingest';

/** The nesting depth of a parsed JSON value, counted as the scanner counts brackets. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object')
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('ingest: JSON nesting depth', () => {
  it('finds the bracket that opens one level too many', () => {
    expect(findDepthBreach('[[[]]]', 3)).to.equal(undefined);
    expect(findDepthBreach('[[[[]]]]', 3)).to.deep.equal({ index: 3 });
    expect(findDepthBreach('{"a":{"b":[1]}}', 2)).to.deep.equal({ index: 10 });
  });

  it('skips brackets inside strings, escaped quotes included', () => {
    expect(findDepthBreach('{"a":"[[[{{{"}', 1)).to.equal(undefined);
    expect(findDepthBreach('{"a":"\\"[[[","b":[1]}', 1)).to.deep.equal({ index: 17 });
    expect(findDepthBreach('["\\\\",[[1]]]', 2)).to.deep.equal({ index: 7 });
  });

  it('agrees with the depth of the parsed value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(findDepthBreach(text, max) === undefined, text).to.equal(depthOf(value) <= max);
      }),
      { numRuns: 500 },
    );
  });

  it('names the line and column of a body that is too deep, in any charset body parsers accept', () => {
    const text = '{\n  "a": [[1]]\n}';
    for (const encoding of ['utf-8', 'utf-16le']) {
      let err: any;
      try {
        assertJsonDepth(Buffer.from(text, encoding === 'utf-8' ? 'utf8' : 'utf16le'), encoding, 2);
      } catch (e) {
        err = e;
      }
      expect(err?.code, encoding).to.equal('json_too_deep');
      expect(err.details).to.deep.equal({ parameter: 'body', line: 2, column: 9, maxDepth: 2 });
    }
  });
});
