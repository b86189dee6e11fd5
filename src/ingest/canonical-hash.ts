import { createHash, type Hash } from 'node:crypto';
import { publicFields, type TableSchema } from '../schemas';
import { encodeLine, type CellValue } from '../storage';

/**
 * A release's checksum is the sha256 of its canonical CSV: a header of public field
 * names, then the public values of every row in upload order, encoded exactly as the
 * per-release download serves them. Restricted fields never enter it.
 */
export class CanonicalHash {
  private readonly hash: Hash = createHash('sha256');
  private readonly indexes: number[] | null;

  constructor(schema: TableSchema) {
    const pub = new Set(publicFields(schema).map((f) => f.name));
    const indexes = schema.fields.flatMap((f, i) => (pub.has(f.name) ? [i] : []));
    // With no restricted field the canonical line is the stored line itself.
    this.indexes = indexes.length === schema.fields.length ? null : indexes;
    this.hash.update(encodeLine([...pub]) + '\n');
  }

  /** `encoded` are the full-row lines; `rows` the values, used only when fields must be dropped. */
  update(encoded: readonly string[], rows: readonly CellValue[][]): void {
    let text = '';
    if (this.indexes === null) for (const line of encoded) text += line + '\n';
    else for (const r of rows) text += encodeLine(this.indexes.map((i) => r[i] ?? null)) + '\n';
    this.hash.update(text);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
