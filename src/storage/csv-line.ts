import { stringify } from 'csv-stringify/sync';

export type CellValue = string | number | boolean | null;

// One encoder for both the COPY stream and the canonical CSV that release checksums are
// computed over: RFC 4180, NULL as an empty field and the empty string as "" (the same
// distinction PostgreSQL's CSV COPY draws), booleans spelled out as in `bool::text`.
const OPTIONS = {
  quoted_match: /^$/,
  cast: { boolean: (v: boolean) => (v ? 'true' : 'false') },
  eof: true,
};

export function encodeCsvLines(rows: CellValue[][]): string {
  return stringify(rows, OPTIONS);
}
