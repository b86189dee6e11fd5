export interface RowError {
  /** 1-based line in the uploaded file (the header is line 1). */
  row: number;
  column: string;
  value: string;
  rule: string;
  message: string;
}

export interface ValidationReport {
  valid: boolean;
  rowCount: number;
  errorCount: number;
  /** The first MAX_REPORTED errors in file order. */
  errors: RowError[];
  totalsByRule: Record<string, number>;
  truncated: boolean;
}

export const MAX_REPORTED = 100;
const MAX_VALUE_CHARS = 200;

/** Keeps the first hundred errors verbatim and counts every error by rule. */
export class ReportBuilder {
  private readonly errors: RowError[] = [];
  private readonly totals: Record<string, number> = {};
  private count = 0;
  rowCount = 0;

  add(e: RowError): void {
    this.count++;
    this.totals[e.rule] = (this.totals[e.rule] ?? 0) + 1;
    if (this.errors.length < MAX_REPORTED) {
      const value = e.value.length > MAX_VALUE_CHARS ? `${e.value.slice(0, MAX_VALUE_CHARS)}…` : e.value;
      this.errors.push({ ...e, value });
    }
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
