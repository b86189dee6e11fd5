import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { FingerprintTable } from '../../src/ingest/fingerprint-table';
import { KeyHasher } from '../../src/ingest/key-hash';
import { KeyLog } from '../../src/ingest/key-log';
import { KeySet } from '../../src/ingest/key-set';
import { DEFERRED, UniqueKeyIndex, type UniqueIndexOptions } from '../../src/ingest/unique-index';

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

describe('FingerprintTable', () => {
  const fp = (i: number): [number, number] => {
    const h = new KeyHasher();
    h.reset();
    h.unit(i & 0xffff);
    h.unit(i >>> 16);
    h.finish();
    return [h.hi, h.lo];
  };

  it('finds what it holds, with payloads, across partition growth', () => {
    const t = new FingerprintTable(2, 4);
    for (let i = 0; i < 20_000; i++) {
      const [hi, lo] = fp(i);
      const handle = t.insert(hi, lo);
      t.setPayload(handle, 0, i);
      t.setPayload(handle, 1, 0xffffffff - i);
    }
    expect(t.size).to.equal(20_000);
    for (let i = 0; i < 20_000; i++) {
      const [hi, lo] = fp(i);
      const handle = t.find(hi, lo);
      expect(handle).to.not.equal(-1);
      expect(t.payload(handle, 0)).to.equal(i);
      expect(t.payload(handle, 1)).to.equal(0xffffffff - i);
      expect(t.add(hi, lo)).to.equal(false);
    }
    expect(t.find(...fp(20_001))).to.equal(-1);
  });

  it('grows a partition at a time: never holds twice its keys in slots', () => {
    const t = new FingerprintTable(0);
    let peak = 0;
    for (let i = 0; i < 200_000; i++) {
      t.add(...fp(i));
      if (i >= 20_000 && i % 1000 === 999) peak = Math.max(peak, t.byteLength / (i + 1));
    }
    // 8 bytes a slot at a load between 0.35 and 0.7 (small tables start emptier).
    expect(t.byteLength / 200_000).to.be.within(8 / 0.7, 8 / 0.35);
    expect(peak).to.be.below(8 / 0.3);
  });
});

describe('KeyLog', () => {
  // Any UTF-16 units, lone surrogates included (JSON uploads can carry them).
  const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });

  it('stores keys exactly and fingerprints them the same from the text and from the bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyText, { minLength: 1, maxLength: 4 }), { maxLength: 40 }), (keys) => {
        const log = new KeyLog({ bufferBytes: 64, dir: os.tmpdir() });
        try {
          const offsets = keys.map((k, line) => {
            const off = log.append(line + 1, k, [...k.keys()]);
            return { off, hi: log.hasher.hi, lo: log.hasher.lo };
          });
          const h = new KeyHasher();
          keys.forEach((k, i) => {
            const key = log.keyAt(offsets[i]!.off);
            expect(KeyLog.decode(key)).to.deep.equal(k);
            KeyLog.fingerprint(h, key);
            expect([h.hi, h.lo]).to.deep.equal([offsets[i]!.hi, offsets[i]!.lo]);
          });
        } finally {
          log.close();
        }
      }),
    );
  });

  it('keeps field boundaries: ["a,b"] and ["a", "b"] differ in bytes and fingerprint', () => {
    const log = new KeyLog();
    const a = log.append(1, ['a\u0001b'], [0]);
    const fa = [log.hasher.hi, log.hasher.lo];
    const b = log.append(2, ['a', 'b'], [0, 1]);
    expect(log.sameKey(a, b)).to.equal(false);
    expect([log.hasher.hi, log.hasher.lo]).to.not.deep.equal(fa);
    log.close();
  });

  it('visits every record in order, from memory and from its spilled file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keylog-'));
    const log = new KeyLog({ bufferBytes: 100, dir });
    const keys = Array.from({ length: 500 }, (_, i) => [`k${i}`, i % 7 === 0 ? 'x'.repeat(300) : '']);
    for (let i = 0; i < keys.length; i++) log.append(i + 2, keys[i]!, [0, 1]);
    // The spilled file is unlinked at once: nothing is left behind even if the process dies.
    expect(fs.readdirSync(dir)).to.deep.equal([]);
    const seen: Array<[number, string[]]> = [];
    await log.scan(log.byteLength, (line, key) => void seen.push([line, KeyLog.decode(key)]));
    expect(seen).to.deep.equal(keys.map((k, i) => [i + 2, k]));
    log.close();
    fs.rmSync(dir, { recursive: true });
  });
});

/** Runs keys through an index; returns line → first line for every duplicate, and the DEFERRED count. */
async function duplicatesOf(keys: string[][], deferFrom: number, options: UniqueIndexOptions) {
  const index = new UniqueKeyIndex([0, 1], options);
  const found = new Map<number, number>();
  let deferred = 0;
  try {
    for (let i = 0; i < keys.length; i++) {
      const line = i + 2;
      const r = await index.add(keys[i]!, line, i >= deferFrom);
      if (r === DEFERRED) deferred++;
      else if (r > 0) found.set(line, r);
    }
    const late: number[] = [];
    await index.finish((d) => {
      expect(d.key).to.deep.equal(keys[d.line - 2]);
      late.push(d.line);
      found.set(d.line, d.otherLine);
    });
    expect(late, 'deferred duplicates come in file order').to.deep.equal([...late].sort((a, b) => a - b));
  } finally {
    index.close();
  }
  return { found, deferred };
}

function oracle(keys: string[][]): Map<number, number> {
  const first = new Map<string, number>();
  const out = new Map<number, number>();
  keys.forEach((k, i) => {
    const id = JSON.stringify(k);
    const f = first.get(id);
    if (f === undefined) first.set(id, i + 2);
    else out.set(i + 2, f);
  });
  return out;
}

describe('UniqueKeyIndex (exact duplicates on top of fingerprints)', () => {
  const smallKeys = fc.array(
    fc.tuple(fc.constantFrom('', 'a', 'b', '市场', 'a\u0001'), fc.constantFrom('x', 'y', '')),
    {
      maxLength: 120,
    },
  );

  for (const [name, options] of [
    ['full fingerprints', {}],
    // Two fingerprint bits: nearly every pair of keys collides, so every answer must come
    // from comparing the exact keys. A false duplicate here would be a false error report.
    ['forced collisions', { fingerprintMask: 0x3 }],
    ['forced collisions, spilled to a file', { fingerprintMask: 0x1, bufferBytes: 48 }],
  ] as Array<[string, UniqueIndexOptions]>) {
    it(`reports exactly the duplicates and their first rows (${name})`, async () => {
      await fc.assert(
        fc.asyncProperty(smallKeys, fc.nat(130), async (tuples, deferFrom) => {
          const keys = tuples.map((t) => [...t]);
          const { found } = await duplicatesOf(keys, deferFrom, options);
          expect(found).to.deep.equal(oracle(keys));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('defers only once the caller allows it, and then for good', async () => {
    const keys = [
      ['a', 'x'],
      ['a', 'x'],
      ['b', 'x'],
      ['b', 'x'],
      ['a', 'x'],
    ];
    const { found, deferred } = await duplicatesOf(keys, 3, {});
    expect(deferred).to.equal(1); // line 5 (b,x); line 6 (a,x) has a known anchor
    expect(found).to.deep.equal(
      new Map([
        [3, 2],
        [5, 4],
        [6, 2],
      ]),
    );
  });

  it('handles a 200,000-row upload with every key twice without holding the keys in memory', async () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => [`市场${i}`, `品种${i % 100}`]);
    const { found } = await duplicatesOf([...keys, ...keys], 1, { bufferBytes: 1 << 16 });
    expect(found.size).to.equal(100_000);
    expect(found.get(100_002)).to.equal(2);
    expect(found.get(200_001)).to.equal(100_001);
  });
});
