export type CellValue = string | number | boolean | null;

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One encoder for both the COPY stream and the canonical CSV that release checksums are
 * computed over: RFC 4180 quoting, NULL as an empty field and the empty string as ""
 * (the distinction PostgreSQL's CSV COPY draws), booleans spelled as `bool::text` does.
 * It runs once per cell of every upload, hence a plain function rather than a library.
 */
export function encodeCell(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') {
    if (v === '') return '""';
    return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

export function encodeLine(values: readonly CellValue[]): string {
  let line = encodeCell(values[0] ?? null);
  for (let i = 1; i < values.length; i++) line += ',' + encodeCell(values[i] ?? null);
  return line;
}

export function encodeCsvLines(rows: readonly (readonly CellValue[])[]): string {
  let out = '';
  for (const r of rows) out += encodeLine(r) + '\n';
  return out;
}
