import { stringify } from 'csv-stringify/sync';
import { REPORT_COLUMNS, REPORT_SOURCE, type AnnualReport } from '../../requests';
import { agencyJson } from './catalog';

export function annualReportJson(r: AnnualReport) {
  return {
    agency: agencyJson(r.agency),
    year: r.year,
    source: REPORT_SOURCE,
    columns: REPORT_COLUMNS.map((c) => ({ id: c.id, label: c.zh, group: c.group })),
    rows: r.rows,
    balanced: r.balanced,
  };
}

/** One header line, then one line per row of the format; labels are fixed text, counts integers. */
export function annualReportCsv(r: AnnualReport): string {
  const header = ['项目', ...REPORT_COLUMNS.map((c) => (c.group ? `${c.group}：${c.zh}` : c.zh))];
  const lines = r.rows.map((row) => [row.label, ...REPORT_COLUMNS.map((c) => row.counts[c.id])]);
  return stringify([header, ...lines], { record_delimiter: '\r\n' });
}
