import type { Report } from './api-types';
import { renderTable, type Column } from './table';
import { formatInt } from './text';

const ERROR_COLUMNS: Column[] = [
  { header: 'row', align: 'right', max: 10, min: 3 },
  { header: 'column', max: 24, min: 6 },
  { header: 'value', max: 24, min: 8 },
  { header: 'rule', max: 20, min: 6 },
  // The message says what to fix, so it gets whatever width is left.
  { header: 'message', max: 80, min: 20 },
];

const TOTAL_COLUMNS: Column[] = [
  { header: 'rule', max: 40 },
  { header: 'errors', align: 'right' },
];

/**
 * The validation report: the errors the server listed, then the count per rule. Without a
 * terminal width (logs, pipes) only the per-column caps apply, since nothing wraps there.
 */
export function renderReport(report: Report, maxLineWidth = Infinity): string {
  const errors = report.errors ?? [];
  const out: string[] = [];
  if (report.valid) {
    out.push(`The file is valid: ${formatInt(report.rowCount)} rows.`);
    return out.join('\n');
  }
  out.push(
    `The file has ${formatInt(report.errorCount)} error${report.errorCount === 1 ? '' : 's'} ` +
      `(${formatInt(report.rowCount)} rows read).`,
  );
  if (errors.length) {
    out.push(
      renderTable(
        ERROR_COLUMNS,
        errors.map((e) => [e.row, e.column, e.value, e.rule, e.messages?.zh ?? e.message]),
        maxLineWidth,
      ),
    );
  }
  if (report.truncated || errors.length < report.errorCount) {
    out.push(
      `Only the first ${formatInt(errors.length)} of ${formatInt(report.errorCount)} errors are listed.`,
    );
  }
  const totals = Object.entries(report.totalsByRule ?? {}).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  if (totals.length) {
    out.push(
      '',
      'Errors by rule:',
      renderTable(
        TOTAL_COLUMNS,
        totals.map(([rule, n]) => [rule, formatInt(n)]),
      ),
    );
  }
  return out.join('\n');
}
