import { FingerprintTable } from './fingerprint-table';
import { hashField, KeyHasher } from './key-hash';

/**
 * A set of strings remembered by their 63-bit fingerprints, 8 bytes each: "already
 * present" means "a string with the same fingerprint was added", wrong for two distinct
 * strings with probability about n²/2^64 (1e-6 at 5M strings). Upload uniqueness never
 * trusts that alone: UniqueKeyIndex (unique-index.ts) re-checks every such match
 * against the exact key text before it reports a duplicate.
 */
export class KeySet {
  private readonly table: FingerprintTable;
  private readonly hasher = new KeyHasher();

  constructor(initialCapacity = 1 << 12) {
    this.table = new FingerprintTable(0, Math.ceil(initialCapacity / 256));
  }

  get size(): number {
    return this.table.size;
  }

  /** Adds the key; returns false if its fingerprint was already present. */
  add(key: string): boolean {
    const h = this.hasher;
    h.reset();
    hashField(h, key);
    h.finish();
    return this.table.add(h.hi, h.lo);
  }
}
