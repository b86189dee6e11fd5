import { TooLargeError } from '../errors';
import type { CellValue } from '../storage';
import { FingerprintTable } from './fingerprint-table';
import { KeyHasher } from './key-hash';
import { KeyLog, type KeyLogOptions } from './key-log';

/** `add` could not decide yet; `finish` reports the row if it is a duplicate. */
export const DEFERRED = -1;

export interface Duplicate {
  line: number;
  /** The line of the first row with the same key. */
  otherLine: number;
  /** The key's field values, in `indexes` order. */
  key: string[];
}

export interface UniqueIndexOptions extends KeyLogOptions {
  /** Keeps only these fingerprint bits: tests force collisions with it. */
  fingerprintMask?: number;
}

// An anchor is the first row with a fingerprint that was seen again. Its payload:
// [line (+ ANCHORED_LATE once found by finish()), offset / 2]. Line 0: not found yet.
const ANCHORED_LATE = 0x80000000;
const LINE_MASK = 0x7fffffff;
const MAX_OFFSET = 2 * 0xffffffff;

/**
 * Exact uniqueness of a key (the primary key, or a unique field) across an upload, in
 * about 8 bytes a row of memory:
 *
 * - every key is fingerprinted (63 bits) into a FingerprintTable and appended, exactly,
 *   to a KeyLog (memory, then an unlinked temp file);
 * - a new fingerprint means a new key: the common case costs one table insert;
 * - a fingerprint seen before means a duplicate or (p ≈ n²/2^64) a collision, so the
 *   first row with that fingerprint (its "anchor") is found in the log and the two keys
 *   are compared byte for byte. A real collision switches that fingerprint to an exact
 *   map of key texts. No duplicate is ever reported on a fingerprint alone.
 *
 * Finding an anchor means re-reading the log. While an upload is clean that happens at
 * once (the caller must know whether to store the row). Once the upload already has
 * errors it stores nothing, so `add` may answer DEFERRED and `finish` resolves all such
 * rows in a single pass over the log.
 */
export class UniqueKeyIndex {
  private readonly seen = new FingerprintTable(0);
  private readonly anchors = new FingerprintTable(2, 4);
  /** Fingerprints shared by different keys: exact key text → first line. */
  private readonly collided = new Map<string, Map<string, number>>();
  private readonly log: KeyLog;
  private readonly scanHasher = new KeyHasher();
  private readonly mask: number | undefined;
  private deferring = false;
  private deferred = 0;

  constructor(
    private readonly indexes: readonly number[],
    options: UniqueIndexOptions = {},
  ) {
    this.log = new KeyLog(options);
    this.mask = options.fingerprintMask;
  }

  /**
   * Adds the row's key. Returns 0 for a key not seen before, the line of the first row
   * with the same key, DEFERRED (only when `mayDefer`; once deferring, always deferring),
   * or a promise of the first two when the log must be re-read to tell.
   */
  add(values: readonly CellValue[], line: number, mayDefer: boolean): number | Promise<number> {
    if (line > LINE_MASK || this.log.byteLength > MAX_OFFSET) {
      throw new TooLargeError('upload_too_large', 'The upload has too many rows to check', { line });
    }
    const offset = this.log.append(line, values, this.indexes, this.mask);
    const { hi, lo } = this.log.hasher;
    if (this.seen.add(hi, lo)) return 0;
    this.deferring ||= mayDefer;
    const anchor = this.anchors.find(hi, lo);
    if (anchor !== -1 && this.anchors.payload(anchor, 0) !== 0) {
      return this.compareWithAnchor(hi, lo, anchor, offset, line);
    }
    if (this.deferring) {
      this.anchors.insert(hi, lo); // line 0: to be found by finish()
      this.deferred++;
      return DEFERRED;
    }
    return this.resolveNow(hi, lo, offset, line);
  }

  /** Resolves the deferred rows: calls `onDuplicate` for each duplicate among them, in file order. */
  async finish(onDuplicate: (d: Duplicate) => void): Promise<void> {
    if (this.deferred === 0) return;
    const h = this.scanHasher;
    await this.log.scan(this.log.byteLength, (line, key, offset) => {
      KeyLog.fingerprint(h, key, this.mask);
      const anchor = this.anchors.find(h.hi, h.lo);
      if (anchor === -1) return;
      const first = this.anchors.payload(anchor, 0);
      if (first === 0) {
        this.anchors.setPayload(anchor, 0, (line | ANCHORED_LATE) >>> 0);
        this.anchors.setPayload(anchor, 1, offset / 2);
        return;
      }
      // Anchors found while streaming belong to rows that were answered then.
      if ((first & ANCHORED_LATE) === 0) return;
      const other = this.compareWithAnchor(h.hi, h.lo, anchor, offset, line);
      if (other > 0) onDuplicate({ line, otherLine: other, key: KeyLog.decode(key) });
    });
    this.deferred = 0;
  }

  close(): void {
    this.log.close();
  }

  private async resolveNow(hi: number, lo: number, offset: number, line: number): Promise<number> {
    const h = this.scanHasher;
    let found = -1;
    let foundLine = 0;
    await this.log.scan(offset, (l, key, o) => {
      KeyLog.fingerprint(h, key, this.mask);
      if (h.hi !== hi || h.lo !== lo) return false;
      found = o;
      foundLine = l;
      return true;
    });
    if (found === -1) throw new Error('UniqueKeyIndex: a seen fingerprint has no earlier row');
    const anchor = this.anchors.insert(hi, lo);
    this.anchors.setPayload(anchor, 0, foundLine);
    this.anchors.setPayload(anchor, 1, found / 2);
    return this.compareWithAnchor(hi, lo, anchor, offset, line);
  }

  private compareWithAnchor(hi: number, lo: number, anchor: number, offset: number, line: number): number {
    const anchorLine = this.anchors.payload(anchor, 0) & LINE_MASK;
    const anchorOffset = this.anchors.payload(anchor, 1) * 2;
    const fingerprint = `${hi}:${lo}`;
    let exact = this.collided.get(fingerprint);
    if (!exact) {
      if (this.log.sameKey(anchorOffset, offset)) return anchorLine;
      // Two different keys, one fingerprint: from now on this fingerprint goes by key text.
      exact = new Map([[this.log.keyText(anchorOffset), anchorLine]]);
      this.collided.set(fingerprint, exact);
    }
    const key = this.log.keyText(offset);
    const first = exact.get(key);
    if (first !== undefined) return first;
    exact.set(key, line);
    return 0;
  }
}
