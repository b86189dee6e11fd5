import type { DecodedText } from './decode';

/** A place in an upload: the byte offset in the file, and its 1-based line and column. */
export interface TextPlace {
  byteOffset: number;
  line: number;
  /** In characters (UTF-16 code units, as editors count them) from the start of the line. */
  column: number;
}

const isDecoded = (t: AsyncIterable<string>): t is DecodedText =>
  typeof (t as Partial<DecodedText>).byteLength === 'function';

/** UTF-8 bytes of the character at `s[i]`, a surrogate pair counting 4 for its first half. */
function utf8Width(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return 4;
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return 3;
}

/**
 * Follows a stream of text chunks so that a parser can name where something went wrong
 * the way a clerk can find it: the byte offset in the uploaded file (the same unit
 * `invalid_encoding` uses), plus line and column. Call `next` with each chunk before
 * parsing it; per chunk it only counts line breaks.
 */
export class TextPosition {
  private chunk = '';
  private linesBefore = 0;
  private columnBefore = 0;
  private utf8Before = 0;
  private bytesBefore = 0;

  constructor(private readonly text: AsyncIterable<string>) {}

  next(chunk: string): void {
    const lastBreak = this.chunk.lastIndexOf('\n');
    for (let i = this.chunk.indexOf('\n'); i !== -1; i = this.chunk.indexOf('\n', i + 1)) this.linesBefore++;
    this.columnBefore =
      lastBreak === -1 ? this.columnBefore + this.chunk.length : this.chunk.length - lastBreak - 1;
    this.utf8Before += Buffer.byteLength(this.chunk);
    this.bytesBefore = isDecoded(this.text) ? this.text.chunkStart : this.utf8Before;
    this.chunk = chunk;
  }

  /** The place of character `i` of the current chunk (i may be its length: the end). */
  at(i: number): TextPlace {
    const head = this.chunk.slice(0, i);
    const lastBreak = head.lastIndexOf('\n');
    let breaks = 0;
    for (let k = head.indexOf('\n'); k !== -1; k = head.indexOf('\n', k + 1)) breaks++;
    return {
      byteOffset:
        this.bytesBefore + (isDecoded(this.text) ? this.text.byteLength(head) : Buffer.byteLength(head)),
      line: this.linesBefore + breaks + 1,
      column: (lastBreak === -1 ? this.columnBefore + head.length : head.length - lastBreak - 1) + 1,
    };
  }

  /**
   * The place of a UTF-8 byte offset into the whole text, as JSON tokenizers count. An
   * offset before the current chunk (a token that began earlier) is taken as its start.
   */
  atUtf8(offset: number): TextPlace {
    let rest = offset - this.utf8Before;
    let i = 0;
    while (rest > 0 && i < this.chunk.length) rest -= utf8Width(this.chunk, i++);
    return this.at(i);
  }
}
