/**
 * Remembers which primary keys an upload has seen in 12 bytes a key instead of a
 * JavaScript string each (a 5M-row upload would otherwise hold gigabytes). Keys are
 * reduced to three independent 32-bit hashes; a false "duplicate" needs all 95 bits to
 * collide, far less likely than a hardware fault, and the database's unique index
 * still backs the check.
 */
export class KeySet {
  private a: Uint32Array;
  private b: Uint32Array;
  private c: Uint32Array;
  private mask: number;
  private size = 0;

  constructor(initialCapacity = 1 << 12) {
    this.a = new Uint32Array(initialCapacity);
    this.b = new Uint32Array(initialCapacity);
    this.c = new Uint32Array(initialCapacity);
    this.mask = initialCapacity - 1;
  }

  /** Adds the key; returns false if it was already present. */
  add(key: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    let h3 = 0x9e3779b9;
    for (let i = 0; i < key.length; i++) {
      const ch = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 0x01000193);
      h2 = Math.imul(h2 ^ ch, 0x5bd1e995) ^ (h2 >>> 15);
      h3 = Math.imul((h3 << 5) | (h3 >>> 27), 0x27d4eb2d) ^ ch;
    }
    h2 = (h2 | 1) >>> 0; // never zero: zero marks an empty slot
    return this.insert(h1 >>> 0, h2, h3 >>> 0);
  }

  private insert(h1: number, h2: number, h3: number): boolean {
    let i = h1 & this.mask;
    for (;;) {
      const slot = this.b[i]!;
      if (slot === 0) break;
      if (slot === h2 && this.a[i] === h1 && this.c[i] === h3) return false;
      i = (i + 1) & this.mask;
    }
    this.a[i] = h1;
    this.b[i] = h2;
    this.c[i] = h3;
    if (++this.size * 10 > (this.mask + 1) * 7) this.grow();
    return true;
  }

  private grow(): void {
    const [a, b, c] = [this.a, this.b, this.c];
    const capacity = (this.mask + 1) * 2;
    this.a = new Uint32Array(capacity);
    this.b = new Uint32Array(capacity);
    this.c = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < b.length; i++) if (b[i] !== 0) this.insert(a[i]!, b[i]!, c[i]!);
  }
}
