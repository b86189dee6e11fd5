import { castMissing, castValue, DEFAULT_MISSING_VALUES, type TableSchema } from '../schemas';
import type { CellValue } from '../storage';
import { DEFERRED, UniqueKeyIndex, type UniqueIndexOptions } from './unique-index';
import type { ReportBuilder } from './validation-report';

export interface RawRecord {
  /** 1-based line number in the source, for error reports. */
  line: number;
  /** Cells by field name (JSON uploads, seeds); absent names are missing values. */
  cells?: Record<string, string | undefined>;
  /** Or cells in schema field order (CSV uploads); undefined is a missing value. */
  values?: ReadonlyArray<string | undefined>;
  /**
   * A CSV row whose width differs from the header's: its cells cannot be placed in
   * columns, so it is reported as one row error and the rest of the file is still checked.
   */
  width?: {
    expected: number;
    found: number;
    /** The first missing field, or `#n` for the position of the first extra cell. */
    column: string;
  };
}

/** One uniqueness rule: the primary key, or a field with constraints.unique. */
interface UniqueRule {
  rule: 'duplicate_key' | 'unique';
  column: string;
  /** Row positions shown in the report, in order. */
  shown: number[];
  index: UniqueKeyIndex;
  /** The shown values from a key as the index logged it. */
  fromLogged: (key: string[]) => string[];
}

export type CheckResult = CellValue[] | null;

/**
 * Casts one record and checks the rules that span rows: the period must be the
 * release's own (or is filled in from it) and keys must be unique within the upload.
 * Call `finish` after the last record and `close` in any case.
 */
export class RecordValidator {
  private readonly uniques: UniqueRule[];
  private readonly periodIndex: number;
  private readonly missingValues: readonly string[];

  constructor(
    private readonly schema: TableSchema,
    private readonly periodFieldName: string,
    private readonly period: string,
    private readonly report: ReportBuilder,
    options: UniqueIndexOptions = {},
  ) {
    const names = schema.fields.map((f) => f.name);
    this.periodIndex = names.indexOf(periodFieldName);
    this.missingValues = schema.missingValues ?? DEFAULT_MISSING_VALUES;
    const keyIndexes = schema.primaryKey.map((k) => names.indexOf(k));
    this.uniques = [
      {
        rule: 'duplicate_key',
        column: schema.primaryKey.join(','),
        shown: keyIndexes,
        // Every row that gets this far has the release's period: it adds nothing to the key.
        index: new UniqueKeyIndex(
          keyIndexes.filter((i) => i !== this.periodIndex),
          options,
        ),
        fromLogged: (key) => {
          let k = 0;
          return keyIndexes.map((i) => (i === this.periodIndex ? period : key[k++]!));
        },
      },
      ...schema.fields.flatMap((f, i) =>
        f.constraints?.unique && !schema.primaryKey.includes(f.name)
          ? [
              {
                rule: 'unique' as const,
                column: f.name,
                shown: [i],
                index: new UniqueKeyIndex([i], options),
                fromLogged: (key: string[]) => key,
              },
            ]
          : [],
      ),
    ];
  }

  /**
   * The row's values in schema field order, or null when the row has errors. A promise
   * only when telling a duplicate from a fingerprint collision needs a re-read (rare).
   */
  check(rec: RawRecord): CheckResult | Promise<CheckResult> {
    this.report.rowCount++;
    if (rec.width) {
      const { expected, found, column } = rec.width;
      this.report.add({
        row: rec.line,
        column,
        value: `${found} fields`,
        rule: 'field_count',
        message: `The header has ${expected} fields; this row has ${found}`,
        expected,
        found,
      });
      return null;
    }
    const fields = this.schema.fields;
    const row: CellValue[] = new Array<CellValue>(fields.length);
    let ok = true;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const cell = this.cell(rec, i);
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
        value: String(this.cell(rec, this.periodIndex)),
        rule: 'period_mismatch',
        message: `Every row must belong to the release period ${this.period}`,
      });
      return null;
    }
    return this.checkUnique(rec.line, row);
  }

  /** Reports the duplicates whose verdict was deferred; call once, after the last record. */
  async finish(): Promise<void> {
    for (const u of this.uniques) {
      await u.index.finish((d) => this.reportDuplicate(u, d.line, d.otherLine, u.fromLogged(d.key)));
    }
  }

  /** Releases the key logs' temporary files. */
  close(): void {
    for (const u of this.uniques) u.index.close();
  }

  private cell(rec: RawRecord, i: number): string | undefined {
    if (rec.values) return rec.values[i];
    const name = this.schema.fields[i]!.name;
    return rec.cells && Object.hasOwn(rec.cells, name) ? rec.cells[name] : undefined;
  }

  private checkUnique(line: number, row: CellValue[]): CheckResult | Promise<CheckResult> {
    let ok = true;
    let waits: Array<Promise<boolean>> | undefined;
    for (const u of this.uniques) {
      if (u.rule === 'unique' && (row[u.shown[0]!] === null || row[u.shown[0]!] === undefined)) continue;
      // Once the upload has errors nothing is stored, so verdicts may wait for finish().
      const other = u.index.add(row, line, this.report.hasErrors);
      if (typeof other === 'number') {
        if (other === DEFERRED) ok = false;
        else if (other > 0) ok = this.duplicate(u, line, other, row);
      } else {
        (waits ??= []).push(other.then((o) => (o > 0 ? this.duplicate(u, line, o, row) : true)));
      }
    }
    if (!waits) return ok ? row : null;
    return Promise.all(waits).then((results) => (ok && results.every(Boolean) ? row : null));
  }

  private duplicate(u: UniqueRule, line: number, otherLine: number, row: CellValue[]): false {
    this.reportDuplicate(
      u,
      line,
      otherLine,
      u.shown.map((i) => String(row[i])),
    );
    return false;
  }

  private reportDuplicate(u: UniqueRule, line: number, otherLine: number, shown: string[]): void {
    const what = u.rule === 'duplicate_key' ? 'primary key' : u.column;
    this.report.add({
      row: line,
      column: u.column,
      value: shown.join(','),
      rule: u.rule,
      message: `Row ${otherLine} has the same ${what}`,
      otherRow: otherLine,
    });
  }
}
