import { expect } from 'chai';
import { KeySet } from '../../src/ingest/key-set';

describe('KeySet (upload primary-key uniqueness)', () => {
  it('reports a repeated key and only a repeated key, across growth', () => {
    const set = new KeySet(4);
    const keys = Array.from(
      { length: 50_000 },
      (_, i) => `2017-W01\u0001140${i % 11}00\u0001市场${i}\u0001猪肉`,
    );
    for (const k of keys) expect(set.add(k)).to.equal(true);
    for (const k of keys.slice(0, 1000)) expect(set.add(k)).to.equal(false);
    expect(set.add('2017-W01\u0001140100\u0001市场-new\u0001猪肉')).to.equal(true);
  });

  it('distinguishes keys that differ only in order or by one character', () => {
    const set = new KeySet();
    expect(set.add('a\u0001b')).to.equal(true);
    expect(set.add('b\u0001a')).to.equal(true);
    expect(set.add('a\u0001c')).to.equal(true);
    expect(set.add('')).to.equal(true);
    expect(set.add('')).to.equal(false);
  });
});
