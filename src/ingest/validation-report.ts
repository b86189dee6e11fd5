import { rowMessageZh } from './row-messages-zh';

export interface RowError {
  /** 1-based line in the uploaded file (the header is line 1). */
  row: number;
  column: string;
  value: string;
  rule: string;
  message: string;
  /** duplicate_key and unique: the line of the first row with the same value. */
  otherRow?: number;
  /** field_count: the header's width and the row's. */
  expected?: number;
  found?: number;
  /** The message in Chinese and in English; `message` is the English one. */
  messages?: { zh: string; en: string };
}

export interface ValidationReport {
  valid: boolean;
  rowCount: number;
  errorCount: number;
  /** The first MAX_REPORTED errors in file order (by row). */
  errors: RowError[];
  totalsByRule: Record<string, number>;
  truncated: boolean;
}

export const MAX_REPORTED = 100;
const MAX_VALUE_CHARS = 200;

/**
 * Keeps the first hundred errors (by row) verbatim and counts every error by rule.
 * Errors mostly arrive in file order; duplicates whose verdict was deferred to the end of
 * the upload arrive late and are slotted in by row.
 */
export class ReportBuilder {
  private readonly errors: RowError[] = [];
  private readonly totals: Record<string, number> = {};
  private count = 0;
  rowCount = 0;

  add(e: RowError): void {
    this.count++;
    this.totals[e.rule] = (this.totals[e.rule] ?? 0) + 1;
    const errors = this.errors;
    if (errors.length === MAX_REPORTED && e.row >= errors[MAX_REPORTED - 1]!.row) return;
    const value = e.value.length > MAX_VALUE_CHARS ? `${e.value.slice(0, MAX_VALUE_CHARS)}…` : e.value;
    let at = errors.length;
    while (at > 0 && errors[at - 1]!.row > e.row) at--; // after earlier errors of the same row
    const shown = { ...e, value };
    errors.splice(at, 0, { ...shown, messages: { zh: rowMessageZh(shown), en: e.message } });
    if (errors.length > MAX_REPORTED) errors.pop();
  }

  get hasErrors(): boolean {
    return this.count > 0;
  }

  build(): ValidationReport {
    return {
      valid: this.count === 0,
      rowCount: this.rowCount,
      errorCount: this.count,
      errors: this.errors,
      totalsByRule: { ...this.totals },
      truncated: this.count > this.errors.length,
    };
  }
}
