import { castRecord, type TableSchema } from '../schemas';
import type { CellValue } from '../storage';
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
  private readonly keys = new Set<string>();
  private readonly uniques: Map<string, Set<string>>;
  private readonly keyIndexes: number[];

  constructor(
    private readonly schema: TableSchema,
    private readonly periodFieldName: string,
    private readonly period: string,
    private readonly report: ReportBuilder,
  ) {
    const names = schema.fields.map((f) => f.name);
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
    const cells = { ...rec.cells };
    const given = cells[this.periodFieldName];
    if (given === undefined || given.trim() === '') cells[this.periodFieldName] = this.period;
    const { values, errors } = castRecord(this.schema, cells);
    for (const e of errors)
      this.report.add({ row: rec.line, column: e.field, value: e.value, rule: e.rule, message: e.message });
    if (errors.length > 0) return null;
    if (values[this.periodFieldName] !== this.period) {
      this.report.add({
        row: rec.line,
        column: this.periodFieldName,
        value: String(given),
        rule: 'period_mismatch',
        message: `Every row must belong to the release period ${this.period}`,
      });
      return null;
    }
    const row = this.schema.fields.map((f) => values[f.name] ?? null);
    return this.checkUnique(rec.line, row) ? row : null;
  }

  private checkUnique(line: number, row: CellValue[]): boolean {
    const key = this.keyIndexes.map((i) => String(row[i])).join('\u0001');
    let ok = true;
    if (this.keys.has(key)) {
      this.report.add({
        row: line,
        column: this.schema.primaryKey.join(','),
        value: this.keyIndexes.map((i) => String(row[i])).join(','),
        rule: 'duplicate_key',
        message: 'Another row in this upload has the same primary key',
      });
      ok = false;
    } else this.keys.add(key);
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
