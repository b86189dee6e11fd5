const PARTITION_BITS = 8;
const PARTITIONS = 1 << PARTITION_BITS;
/** Home slots come from a fingerprint's low 24 bits, so a partition may hold up to 2^24 slots. */
const MAX_PARTITION_SLOTS = 1 << (32 - PARTITION_BITS);

/**
 * An open-addressing hash table of 63-bit fingerprints (hi, lo with lo odd, as KeyHasher
 * makes them), each with `payloadWords` 32-bit words, in typed arrays: 8 bytes a key
 * with no payload instead of a JavaScript string.
 *
 * It is split into 256 partitions (by the fingerprint's top byte) that grow one at a
 * time. A single table doubling at 5M keys held its old and new arrays at once (48 MB +
 * 96 MB); a partition doubling holds at most 1/256 of that. With uniform fingerprints
 * the partitions fill evenly, so the total load stays between 0.35 and 0.7.
 *
 * Handles returned by `find`/`insert` are valid until the next insertion.
 */
export class FingerprintTable {
  private readonly stride: number;
  private readonly slots: Array<Uint32Array<ArrayBuffer>> = [];
  private readonly masks = new Int32Array(PARTITIONS);
  private readonly counts = new Int32Array(PARTITIONS);
  private total = 0;

  constructor(
    private readonly payloadWords = 0,
    initialSlotsPerPartition = 16,
  ) {
    this.stride = 2 + payloadWords;
    let slots = 4;
    while (slots < initialSlotsPerPartition && slots < MAX_PARTITION_SLOTS) slots *= 2;
    for (let p = 0; p < PARTITIONS; p++) {
      this.slots.push(new Uint32Array(slots * this.stride));
      this.masks[p] = slots - 1;
    }
  }

  get size(): number {
    return this.total;
  }

  /** Bytes held by the slot arrays. */
  get byteLength(): number {
    let n = 0;
    for (const s of this.slots) n += s.byteLength;
    return n;
  }

  /** Adds (hi, lo) if absent; true when it was absent. */
  add(hi: number, lo: number): boolean {
    const before = this.total;
    this.insert(hi, lo);
    return this.total !== before;
  }

  /** The handle of (hi, lo), or -1. */
  find(hi: number, lo: number): number {
    const p = hi >>> (32 - PARTITION_BITS);
    const t = this.slots[p]!;
    const mask = this.masks[p]!;
    const stride = this.stride;
    for (let i = hi & mask; ; i = (i + 1) & mask) {
      const o = i * stride;
      const l = t[o + 1]!;
      if (l === 0) return -1;
      if (l === lo && t[o] === hi) return p * MAX_PARTITION_SLOTS + i;
    }
  }

  /** The handle of (hi, lo), inserted with a zero payload if absent. */
  insert(hi: number, lo: number): number {
    const p = hi >>> (32 - PARTITION_BITS);
    // Grow before inserting so that the handle returned stays valid.
    if ((this.counts[p]! + 1) * 10 > (this.masks[p]! + 1) * 7) this.grow(p);
    const t = this.slots[p]!;
    const mask = this.masks[p]!;
    const stride = this.stride;
    let i = hi & mask;
    for (; ; i = (i + 1) & mask) {
      const o = i * stride;
      const l = t[o + 1]!;
      if (l === 0) break;
      if (l === lo && t[o] === hi) return p * MAX_PARTITION_SLOTS + i;
    }
    const o = i * stride;
    t[o] = hi;
    t[o + 1] = lo;
    this.counts[p]!++;
    this.total++;
    return p * MAX_PARTITION_SLOTS + i;
  }

  payload(handle: number, word: number): number {
    const p = Math.floor(handle / MAX_PARTITION_SLOTS);
    return this.slots[p]![(handle - p * MAX_PARTITION_SLOTS) * this.stride + 2 + word]!;
  }

  setPayload(handle: number, word: number, value: number): void {
    const p = Math.floor(handle / MAX_PARTITION_SLOTS);
    this.slots[p]![(handle - p * MAX_PARTITION_SLOTS) * this.stride + 2 + word] = value;
  }

  private grow(p: number): void {
    const old = this.slots[p]!;
    const slots = (this.masks[p]! + 1) * 2;
    if (slots > MAX_PARTITION_SLOTS) throw new RangeError('FingerprintTable is full');
    const t = new Uint32Array(slots * this.stride);
    const mask = slots - 1;
    const stride = this.stride;
    for (let o = 0; o < old.length; o += stride) {
      if (old[o + 1] === 0) continue;
      let i = old[o]! & mask;
      while (t[i * stride + 1] !== 0) i = (i + 1) & mask;
      for (let w = 0; w < stride; w++) t[i * stride + w] = old[o + w]!;
    }
    this.slots[p] = t;
    this.masks[p] = mask;
    discard(old);
  }
}

/**
 * Frees a typed array's memory now rather than at the next major GC. A grown partition's
 * old array has long been tenured, so it would wait for a mark-compact; when all the
 * partitions of a large upload grow within seconds of each other, those old arrays added
 * 25 MB to the peak. Node 20 has no ArrayBuffer#transfer, but transferring the buffer to
 * a clone that is dropped at once hands its memory to a young object, which the next
 * minor GC (milliseconds away during an upload) frees.
 */
function discard(a: Uint32Array<ArrayBuffer>): void {
  structuredClone(a.buffer, { transfer: [a.buffer] });
}
