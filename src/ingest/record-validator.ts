import { castMissing, castValue, DEFAULT_MISSING_VALUES, type TableSchema } from '../schemas';
import type { CellValue } from '../storage';
import { KeySet } from './key-set';
import type { ReportBuilder } from './validation-report';

export interface RawRecord {
  /** 1-based line number in the source, for error reports. */
  line: number;
  cells: Record<string, string | undefined>;
}

/**
 * Casts one record and checks the rules that span rows: the period must be the
 * release's own (or is filled in from it) and keys must be unique within the upload.
 */
export class RecordValidator {
  private readonly keys = new KeySet();
  private readonly uniques: Map<string, Set<string>>;
  private readonly keyIndexes: number[];
  private readonly periodIndex: number;
  private readonly missingValues: readonly string[];

  constructor(
    private readonly schema: TableSchema,
    private readonly periodFieldName: string,
    private readonly period: string,
    private readonly report: ReportBuilder,
  ) {
    const names = schema.fields.map((f) => f.name);
    this.periodIndex = names.indexOf(periodFieldName);
    this.missingValues = schema.missingValues ?? DEFAULT_MISSING_VALUES;
    this.keyIndexes = schema.primaryKey.map((k) => names.indexOf(k));
    this.uniques = new Map(
      schema.fields
        .filter((f) => f.constraints?.unique && !schema.primaryKey.includes(f.name))
        .map((f) => [f.name, new Set()]),
    );
  }

  /** Returns the row's values in schema field order, or null when the row has errors. */
  check(rec: RawRecord): CellValue[] | null {
    this.report.rowCount++;
    const fields = this.schema.fields;
    const row: CellValue[] = new Array(fields.length);
    let ok = true;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const cell = Object.hasOwn(rec.cells, f.name) ? rec.cells[f.name] : undefined;
      if (i === this.periodIndex && (cell === undefined || cell === this.period || cell.trim() === '')) {
        // The release's own period (or none, which means the same): no need to re-parse it.
        row[i] = this.period;
        continue;
      }
      const r = cell === undefined ? castMissing(f) : castValue(f, cell, this.missingValues);
      if (r.ok) row[i] = r.value;
      else {
        ok = false;
        this.report.add({
          row: rec.line,
          column: f.name,
          value: cell ?? '',
          rule: r.rule,
          message: r.message,
        });
      }
    }
    if (!ok) return null;
    if (row[this.periodIndex] !== this.period) {
      this.report.add({
        row: rec.line,
        column: this.periodFieldName,
        value: String(rec.cells[this.periodFieldName]),
        rule: 'period_mismatch',
        message: `Every row must belong to the release period ${this.period}`,
      });
      return null;
    }
    return this.checkUnique(rec.line, row) ? row : null;
  }

  private checkUnique(line: number, row: CellValue[]): boolean {
    const key = this.keyIndexes.map((i) => String(row[i])).join('\u0001');
    let ok = true;
    if (!this.keys.add(key)) {
      this.report.add({
        row: line,
        column: this.schema.primaryKey.join(','),
        value: this.keyIndexes.map((i) => String(row[i])).join(','),
        rule: 'duplicate_key',
        message: 'Another row in this upload has the same primary key',
      });
      ok = false;
    }
    for (const [name, seen] of this.uniques) {
      const v = row[this.schema.fields.findIndex((f) => f.name === name)];
      if (v === null || v === undefined) continue;
      const s = String(v);
      if (seen.has(s)) {
        this.report.add({
          row: line,
          column: name,
          value: s,
          rule: 'unique',
          message: `${name} must be unique`,
        });
        ok = false;
      } else seen.add(s);
    }
    return ok;
  }
}
