/**
 * A 63-bit fingerprint of a sequence of 16-bit units (a key's UTF-16 code units and
 * field lengths, see key-log.ts), computed in two independent 32-bit lanes: a
 * MurmurHash3-style lane and a multiply-xorshift lane, each with its own finaliser.
 * The low lane is forced odd so that (0, 0) can mark an empty slot.
 *
 * Used as fields (not a returned object) because it runs for every row of an upload.
 */
export class KeyHasher {
  hi = 0;
  lo = 0;
  private a = 0;
  private b = 0;
  private count = 0;

  reset(): void {
    this.a = 0x9747b28c;
    this.b = 0x2545f491;
    this.count = 0;
  }

  unit(u: number): void {
    let k = Math.imul(u, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let a = this.a ^ k;
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    const b = Math.imul(this.b ^ u, 0x2c1b3c6d);
    this.b = b ^ (b >>> 15);
    this.count++;
  }

  /** Ends the sequence; `mask` keeps only some bits (tests force collisions with it). */
  finish(mask = 0xffffffff): void {
    this.hi = (fmix(this.a ^ this.count) & mask) >>> 0;
    this.lo = ((fmix(Math.imul(this.b, 0x297a2d39) ^ this.count) & mask) | 1) >>> 0;
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Feeds one field: its length as two units, then its UTF-16 code units. */
export function hashField(h: KeyHasher, s: string): void {
  h.unit(s.length & 0xffff);
  h.unit(s.length >>> 16);
  for (let i = 0; i < s.length; i++) h.unit(s.charCodeAt(i));
}
