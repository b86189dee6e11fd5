import type { FieldDef } from '../schemas';

export const EXPORT_FORMATS = ['csv', 'tsv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_ENCODINGS = ['utf-8', 'gb18030'] as const;
export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];

export const HEADER_STYLES = ['name', 'zh', 'en', 'none'] as const;
export type HeaderStyle = (typeof HEADER_STYLES)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** A UTF-8 byte-order mark, which Chinese Excel needs to detect UTF-8. */
  bom: boolean;
  encoding: ExportEncoding;
  header: HeaderStyle;
  /** On by default; off only for users who want the raw cell text. */
  escapeFormulas: boolean;
  /** JSON: each row as an object keyed by field name (default), or as a list in field order. */
  jsonRows?: 'objects' | 'lists';
  /** JSON: text around the array, given the fields written, e.g. CKAN's dump `{"fields": […], "records": ` … `}`. */
  jsonFrame?: (fields: readonly FieldDef[]) => { before: string; after: string };
  /** After each coded field, its Chinese and English names (`city_name_zh`, `city_name_en`). */
  labels?: boolean;
  /** Rows skipped before the first one written (at most MAX_OFFSET); default none. */
  offset?: number;
  /** At most this many rows; default all. */
  limit?: number;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
};
