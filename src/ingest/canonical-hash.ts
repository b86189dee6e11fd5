import { createHash, type Hash } from 'node:crypto';
import { publicFields, type TableSchema } from '../schemas';
import { encodeCsvLines, type CellValue } from '../storage';

/**
 * A release's checksum is the sha256 of its canonical CSV: a header of public field
 * names, then the public values of every row in upload order, encoded exactly as the
 * per-release download serves them. Restricted fields never enter it.
 */
export class CanonicalHash {
  private readonly hash: Hash = createHash('sha256');
  private readonly indexes: number[];

  constructor(schema: TableSchema) {
    const pub = new Set(publicFields(schema).map((f) => f.name));
    this.indexes = schema.fields.flatMap((f, i) => (pub.has(f.name) ? [i] : []));
    this.hash.update(encodeCsvLines([this.indexes.map((i) => schema.fields[i]!.name)]));
  }

  update(rows: CellValue[][]): void {
    if (rows.length === 0) return;
    this.hash.update(encodeCsvLines(rows.map((r) => this.indexes.map((i) => r[i] ?? null))));
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
