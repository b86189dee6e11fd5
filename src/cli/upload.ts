import fs from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { usageError } from './exit-codes';

export type UploadFormat = 'csv' | 'json' | 'ndjson';

const MEDIA_TYPES: Record<UploadFormat, string> = {
  csv: 'text/csv',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
};

const EXTENSIONS: Record<string, UploadFormat> = {
  '.csv': 'csv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

export function detectFormat(file: string, override?: string): UploadFormat {
  if (override) {
    const f = override.toLowerCase() === 'jsonl' ? 'ndjson' : override.toLowerCase();
    if (f in MEDIA_TYPES) return f as UploadFormat;
    throw usageError(`--format must be csv, json or ndjson (got ${override})`);
  }
  const f = EXTENSIONS[path.extname(file).toLowerCase()];
  if (!f)
    throw usageError(
      `Cannot tell the format of ${file}: name it .csv, .json, .ndjson or .jsonl, or pass --format`,
    );
  return f;
}

export function contentTypeFor(format: UploadFormat, charset?: string): string {
  if (!charset) return MEDIA_TYPES[format];
  // JSON is UTF-8 by definition (RFC 8259); only CSV exports from Excel/WPS arrive in GBK.
  if (format !== 'csv')
    throw usageError('--charset applies to CSV files only; JSON and NDJSON must be UTF-8');
  if (!/^[A-Za-z0-9._-]+$/.test(charset)) throw usageError(`--charset is not a charset name: ${charset}`);
  return `${MEDIA_TYPES[format]}; charset=${charset.toLowerCase()}`;
}

export function fileSize(file: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw usageError(code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${code}`, { file });
  }
  if (!st.isFile()) throw usageError(`Not a regular file: ${file}`, { file });
  return st.size;
}

export interface Sent {
  bytes: number;
  /** Newlines so far; 0x0A never occurs inside a multi-byte UTF-8 or GBK character. */
  newlines: number;
  lastByte: number | undefined;
}

/** Passes bytes through unchanged while counting them, for the progress bar. */
export class CountingStream extends Transform {
  readonly sent: Sent = { bytes: 0, newlines: 0, lastByte: undefined };

  constructor(private readonly onChunk: (sent: Sent) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.sent.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.sent.newlines++;
    if (chunk.length) this.sent.lastByte = chunk[chunk.length - 1];
    this.onChunk(this.sent);
    done(null, chunk);
  }
}

/**
 * A running row count for line-based formats: CSV lines less the header, NDJSON lines.
 * Quoted CSV fields with line breaks make it an estimate, which is all a progress bar needs.
 */
export function estimateRows(format: UploadFormat, sent: Sent, complete: boolean): number | undefined {
  if (format === 'json') return undefined;
  const unterminated = complete && sent.bytes > 0 && sent.lastByte !== 10 ? 1 : 0;
  const lines = sent.newlines + unterminated;
  return format === 'csv' ? Math.max(0, lines - 1) : lines;
}

export interface UploadPlan {
  file: string;
  format: UploadFormat;
  contentType: string;
  length: number;
}

/** Everything that can be wrong with the file or flags, found before touching the network. */
export function planUpload(file: string, opts: { format?: string; charset?: string }): UploadPlan {
  const format = detectFormat(file, opts.format);
  return { file, format, contentType: contentTypeFor(format, opts.charset), length: fileSize(file) };
}

export function streamFile(plan: UploadPlan, onChunk: (sent: Sent) => void): CountingStream {
  const counter = new CountingStream(onChunk);
  const source = fs.createReadStream(plan.file, { highWaterMark: 256 * 1024 });
  source.on('error', (err) => counter.destroy(err));
  // Closing early (the server answered before reading everything) must not leak the fd.
  counter.on('close', () => source.destroy());
  source.pipe(counter);
  return counter;
}
