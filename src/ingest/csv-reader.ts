/** A CSV syntax fault: where it is (1-based line and field) and a stable reason code. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, field ${column}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvRecord {
  fields: string[];
  /** The physical line on which the record starts. */
  line: number;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const enum Mode {
  FieldStart,
  Unquoted,
  Quoted,
  /** Inside a quoted field right after a quote: an escaped quote or the closing one. */
  QuoteSeen,
}

/**
 * RFC 4180 CSV as a pull parser over text chunks: `feed` a chunk, call `next` until it
 * returns null, repeat, then `end`. It holds one record at a time, so an upload streams
 * through in constant memory and makes little garbage (csv-parse built every field
 * byte by byte and an info object per record, which dominated upload time and heap).
 *
 * Line breaks are LF, CRLF or a lone CR; empty lines are skipped; every record must have
 * as many fields as the first. Reason codes are the ones csv-parse used, which clients
 * already know: CSV_RECORD_INCONSISTENT_FIELDS_LENGTH, CSV_QUOTE_NOT_CLOSED,
 * INVALID_OPENING_QUOTE, CSV_INVALID_CLOSING_QUOTE, CSV_MAX_RECORD_SIZE. `column` is the
 * 1-based field at fault (for a wrong field count: one past the record's last field).
 * An unclosed quote is reported where it opened, not at the end of the file.
 */
export class CsvReader {
  private chunk = '';
  private pos = 0;
  private ended = false;
  private mode = Mode.FieldStart;
  private fields: string[] = [];
  /** The current field's text from earlier chunks (or unescaped pieces of a quoted field). */
  private carry = '';
  private fieldQuoted = false;
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private quoteColumn = 1;
  /** A CR just ended a line; an LF right after it belongs to the same break. */
  private afterCR = false;
  /** The previous chunk ended inside quotes with a CR (for CRLF split across chunks). */
  private afterQuotedCR = false;
  private expectedFields = -1;

  constructor(private readonly maxRecordChars = 16 * 1024 * 1024) {}

  feed(chunk: string): void {
    if (this.pos < this.chunk.length) throw new Error('CsvReader.feed before the previous chunk was read');
    this.chunk = chunk;
    this.pos = 0;
  }

  end(): void {
    this.ended = true;
  }

  /** The next complete record, or null when the fed text is used up (or, after end(), at EOF). */
  next(): CsvRecord | null {
    const s = this.chunk;
    const n = s.length;
    let i = this.pos;
    let start = i;
    while (i < n) {
      let c = s.charCodeAt(i);
      if (this.afterCR) {
        this.afterCR = false;
        if (c === LF && this.mode !== Mode.Quoted) {
          start = ++i;
          continue;
        }
      }
      if (this.mode === Mode.FieldStart) {
        if (c === QUOTE) {
          this.mode = Mode.Quoted;
          this.fieldQuoted = true;
          this.quoteLine = this.line;
          this.quoteColumn = this.fields.length + 1;
          start = ++i;
          continue;
        }
        this.mode = Mode.Unquoted;
      }
      if (this.mode === Mode.Unquoted) {
        while (c !== COMMA && c !== CR && c !== LF && c !== QUOTE) {
          if (++i === n) break;
          c = s.charCodeAt(i);
        }
        if (i === n) break;
        if (c === QUOTE) throw this.error('INVALID_OPENING_QUOTE');
        this.carry += s.slice(start, i);
      } else if (this.mode === Mode.Quoted) {
        while (c !== QUOTE) {
          if (c === CR) this.line++;
          else if (c === LF && !(i > 0 ? s.charCodeAt(i - 1) === CR : this.afterQuotedCR)) this.line++;
          if (++i === n) break;
          c = s.charCodeAt(i);
        }
        if (i === n) break;
        this.carry += s.slice(start, i);
        this.mode = Mode.QuoteSeen;
        start = ++i;
        continue;
      } else if (c === QUOTE) {
        // QuoteSeen: "" is an escaped quote; the second quote is field text.
        this.mode = Mode.Quoted;
        start = i++;
        continue;
      } else if (c !== COMMA && c !== CR && c !== LF) {
        throw this.error('CSV_INVALID_CLOSING_QUOTE');
      }
      if (c === COMMA) {
        this.endField();
        start = ++i;
        continue;
      }
      // Here s[i] is a line break outside quotes: the record ends (an empty line yields nothing).
      const record = this.endRecord(c);
      start = ++i;
      if (record) {
        this.pos = i;
        return record;
      }
    }
    // The chunk is used up inside a field: keep its text for the next chunk.
    if (this.mode === Mode.Unquoted || this.mode === Mode.Quoted) this.carry += s.slice(start, n);
    if (n > 0) this.afterQuotedCR = this.mode === Mode.Quoted && s.charCodeAt(n - 1) === CR;
    this.pos = n;
    this.checkSize();
    return this.ended ? this.finish() : null;
  }

  private finish(): CsvRecord | null {
    if (this.mode === Mode.Quoted) {
      throw new CsvSyntaxError('CSV_QUOTE_NOT_CLOSED', this.quoteLine, this.quoteColumn);
    }
    if (this.fields.length === 0 && this.carry === '' && !this.fieldQuoted) return null;
    return this.emit();
  }

  private endField(): void {
    this.checkSize();
    this.recordChars += this.carry.length;
    this.fields.push(this.carry);
    this.carry = '';
    this.fieldQuoted = false;
    this.mode = Mode.FieldStart;
  }

  private endRecord(breakChar: number): CsvRecord | null {
    const empty = this.fields.length === 0 && this.carry === '' && !this.fieldQuoted;
    const record = empty ? null : this.emit();
    this.mode = Mode.FieldStart;
    this.line++;
    this.afterCR = breakChar === CR;
    this.recordLine = this.line;
    return record;
  }

  private emit(): CsvRecord {
    this.endField();
    const fields = this.fields;
    if (this.expectedFields === -1) this.expectedFields = fields.length;
    else if (fields.length !== this.expectedFields) {
      throw new CsvSyntaxError('CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', this.recordLine, fields.length + 1);
    }
    const record = { fields, line: this.recordLine };
    this.fields = [];
    this.recordChars = 0;
    return record;
  }

  private checkSize(): void {
    if (this.recordChars + this.carry.length > this.maxRecordChars) throw this.error('CSV_MAX_RECORD_SIZE');
  }

  private error(reason: string): CsvSyntaxError {
    return new CsvSyntaxError(reason, this.line, this.fields.length + 1);
  }
}
