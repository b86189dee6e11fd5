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
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
};
