import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CellValue } from '../storage';
import { KeyHasher } from './key-hash';

export interface KeyLogOptions {
  /** Records are kept in memory up to this many bytes, then spilled to a temporary file. */
  bufferBytes?: number;
  /** Where the temporary file goes; the OS temp directory by default. */
  dir?: string;
}

/** Called for each record in order; return true to stop. `key` is a view, valid during the call. */
export type KeyVisitor = (line: number, key: Buffer, offset: number) => boolean | void;

const HEADER = 8;
const SCAN_BYTES = 1 << 20;
const PEEK_BYTES = 256;

const text = (v: CellValue | undefined): string => (typeof v === 'string' ? v : String(v));

/**
 * Every key an upload checks, in file order, exactly: the ground truth behind the
 * fingerprints of unique-index.ts. A record is [line u32][n u32][n bytes of key units],
 * little-endian; the units are, per key field, its length (two 16-bit units) and its
 * UTF-16 code units, so equal bytes mean equal keys and the fingerprint can be recomputed
 * from the bytes alone.
 *
 * Small uploads stay in memory. Larger ones spill to a temporary file that is unlinked
 * as soon as it is opened, so the kernel reclaims it even if the process dies; it lives
 * in the page cache, not in the server's heap. The file is read back only when two keys
 * share a fingerprint (a duplicate, almost always), so a clean upload only ever writes it.
 * Writes are synchronous: page-cache writes of 1 MB take well under a millisecond, and
 * they keep the records' order trivially right.
 */
export class KeyLog {
  /** The fingerprint of the record last appended. */
  readonly hasher = new KeyHasher();
  private buf: Buffer;
  private pos = 0;
  private flushed = 0;
  private fd = -1;
  private unlinkOnClose: string | undefined;

  private readonly bufferBytes: number;

  constructor(private readonly options: KeyLogOptions = {}) {
    this.bufferBytes = options.bufferBytes ?? SCAN_BYTES;
    // Most uploads are small: start with 64 KiB and double up to bufferBytes.
    this.buf = Buffer.allocUnsafe(Math.min(this.bufferBytes, 64 * 1024));
  }

  /** Bytes appended so far: the offset the next record will get. */
  get byteLength(): number {
    return this.flushed + this.pos;
  }

  /** Appends the key made of `values[indexes]`, fingerprints it (see `hasher`), returns its offset. */
  append(line: number, values: readonly CellValue[], indexes: readonly number[], mask?: number): number {
    let units = 0;
    for (const i of indexes) units += 2 + text(values[i]).length;
    const need = HEADER + 2 * units;
    if (this.pos + need > this.buf.length) {
      if (this.buf.length < this.bufferBytes) {
        const grown = Buffer.allocUnsafe(
          Math.max(Math.min(this.buf.length * 2, this.bufferBytes), this.pos + need),
        );
        this.buf.copy(grown, 0, 0, this.pos);
        this.buf = grown;
      } else {
        this.flush();
        if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
      }
    }
    const offset = this.flushed + this.pos;
    const b = this.buf;
    let o = this.pos;
    b.writeUInt32LE(line, o);
    b.writeUInt32LE(2 * units, o + 4);
    o += HEADER;
    const h = this.hasher;
    h.reset();
    for (const i of indexes) {
      const s = text(values[i]);
      const n = s.length;
      b[o] = n;
      b[o + 1] = n >>> 8;
      b[o + 2] = n >>> 16;
      b[o + 3] = n >>> 24;
      o += 4;
      h.unit(n & 0xffff);
      h.unit(n >>> 16);
      for (let k = 0; k < n; k++) {
        const c = s.charCodeAt(k);
        b[o++] = c;
        b[o++] = c >>> 8;
        h.unit(c);
      }
    }
    h.finish(mask);
    this.pos = o;
    return offset;
  }

  /** Recomputes a record's fingerprint from its key bytes into `h`. */
  static fingerprint(h: KeyHasher, key: Buffer, mask?: number): void {
    h.reset();
    for (let p = 0; p + 1 < key.length; p += 2) h.unit(key[p]! | (key[p + 1]! << 8));
    h.finish(mask);
  }

  /** The key bytes of the record at `offset` (a view into the buffer when not spilled yet). */
  keyAt(offset: number): Buffer {
    if (offset >= this.flushed) {
      const o = offset - this.flushed;
      return this.buf.subarray(o + HEADER, o + HEADER + this.buf.readUInt32LE(o + 4));
    }
    const peek = Buffer.allocUnsafe(PEEK_BYTES);
    const got = fs.readSync(this.fd, peek, 0, Math.min(PEEK_BYTES, this.flushed - offset), offset);
    const n = peek.readUInt32LE(4);
    if (HEADER + n <= got) return peek.subarray(HEADER, HEADER + n);
    const key = Buffer.allocUnsafe(n);
    fs.readSync(this.fd, key, 0, n, offset + HEADER);
    return key;
  }

  sameKey(a: number, b: number): boolean {
    return this.keyAt(a).equals(this.keyAt(b));
  }

  /** A string equal for equal keys and different otherwise (for exact maps). */
  keyText(offset: number): string {
    return this.keyAt(offset).toString('latin1');
  }

  /** The key's field values, as text. */
  static decode(key: Buffer): string[] {
    const fields: string[] = [];
    for (let p = 0; p < key.length;) {
      const n = key.readUInt32LE(p);
      fields.push(key.toString('utf16le', p + 4, p + 4 + 2 * n));
      p += 4 + 2 * n;
    }
    return fields;
  }

  /**
   * Visits the records before `end` in order. Yields to the event loop after each
   * megabyte so that a long re-read does not stall other requests.
   */
  async scan(end: number, visit: KeyVisitor): Promise<void> {
    let chunk = Buffer.allocUnsafe(SCAN_BYTES);
    let offset = 0;
    while (offset < Math.min(end, this.flushed)) {
      const got = fs.readSync(this.fd, chunk, 0, Math.min(chunk.length, this.flushed - offset), offset);
      const used = this.visitRecords(chunk.subarray(0, got), offset, end, visit);
      if (used < 0) return;
      if (used === 0) chunk = Buffer.allocUnsafe(HEADER + chunk.readUInt32LE(4)); // one record > chunk
      offset += used;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (offset < end) this.visitRecords(this.buf.subarray(0, this.pos), this.flushed, end, visit);
  }

  /** Visits whole records in `b` (starting at file offset `base`); bytes used, or -1 if stopped. */
  private visitRecords(b: Buffer, base: number, end: number, visit: KeyVisitor): number {
    let p = 0;
    while (p + HEADER <= b.length && base + p < end) {
      const n = b.readUInt32LE(p + 4);
      if (p + HEADER + n > b.length) break;
      if (visit(b.readUInt32LE(p), b.subarray(p + HEADER, p + HEADER + n), base + p) === true) return -1;
      p += HEADER + n;
    }
    return p;
  }

  /** Releases the temporary file, if any. Safe to call twice. */
  close(): void {
    if (this.fd !== -1) fs.closeSync(this.fd);
    this.fd = -1;
    if (this.unlinkOnClose) fs.rmSync(this.unlinkOnClose, { force: true });
    this.unlinkOnClose = undefined;
  }

  private flush(): void {
    if (this.pos === 0) return;
    if (this.fd === -1) this.open();
    let done = 0;
    while (done < this.pos)
      done += fs.writeSync(this.fd, this.buf, done, this.pos - done, this.flushed + done);
    this.flushed += this.pos;
    this.pos = 0;
  }

  private open(): void {
    const file = path.join(this.options.dir ?? os.tmpdir(), `opendata-keys-${process.pid}-${randomUUID()}`);
    this.fd = fs.openSync(file, 'wx+', 0o600);
    try {
      fs.unlinkSync(file);
    } catch {
      this.unlinkOnClose = file; // Windows cannot unlink an open file
    }
  }
}
