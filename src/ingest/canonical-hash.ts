import { createHash, type Hash } from 'node:crypto';
import { publicFields, type TableSchema } from '../schemas';
import { encodeLine, type CellValue } from '../storage';

const BUFFER_BYTES = 256 * 1024;

/**
 * A release's checksum is the sha256 of its canonical CSV: a header of public field
 * names, then the public values of every row in upload order, encoded exactly as the
 * per-release download serves them. Restricted fields never enter it.
 *
 * Lines are UTF-8 encoded into one reused buffer that is hashed when full: no string
 * per batch (see storage/write.ts for why that matters to an upload's memory).
 */
export class CanonicalHash {
  private readonly hash: Hash = createHash('sha256');
  private readonly indexes: number[] | null;
  private buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private pos = 0;
  private counted = 0;

  constructor(schema: TableSchema) {
    const pub = new Set(publicFields(schema).map((f) => f.name));
    const indexes = schema.fields.flatMap((f, i) => (pub.has(f.name) ? [i] : []));
    // With no restricted field the canonical line is the stored line itself.
    this.indexes = indexes.length === schema.fields.length ? null : indexes;
    const header = Buffer.from(encodeLine([...pub]) + '\n', 'utf8');
    this.hash.update(header);
    this.counted = header.length;
  }

  /** One row: `encoded` is its full stored line, `row` its values (used when fields must be dropped). */
  add(encoded: string, row: readonly CellValue[]): void {
    const line = this.indexes === null ? encoded : encodeLine(this.indexes.map((i) => row[i] ?? null));
    const need = 3 * line.length + 1;
    if (this.pos + need > this.buf.length) {
      this.drain();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    }
    this.pos += this.buf.write(line, this.pos);
    this.buf[this.pos++] = 0x0a;
  }

  /** Bytes of the canonical CSV so far: with the digest, what a download's size and checksum must be. */
  get bytes(): number {
    return this.counted + this.pos;
  }

  digest(): string {
    this.drain();
    return this.hash.digest('hex');
  }

  private drain(): void {
    if (this.pos > 0) this.hash.update(this.buf.subarray(0, this.pos));
    this.counted += this.pos;
    this.pos = 0;
  }
}
