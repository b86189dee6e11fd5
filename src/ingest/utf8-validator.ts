/**
 * Incremental UTF-8 validation that reports *where* a file goes wrong, which
 * TextDecoder cannot. Carries an incomplete trailing sequence between chunks.
 */
export class Utf8Validator {
  private pending = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private offset = 0;

  /** Returns the absolute byte offset of the first invalid byte in `chunk`, or -1. */
  check(chunk: Uint8Array): number {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.pending > 0) {
        if (b < this.lower || b > this.upper) return this.offset + i;
        this.lower = 0x80;
        this.upper = 0xbf;
        this.pending--;
        continue;
      }
      if (b <= 0x7f) continue;
      if (b >= 0xc2 && b <= 0xdf) this.pending = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.pending = 2;
        if (b === 0xe0) this.lower = 0xa0;
        if (b === 0xed) this.upper = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.pending = 3;
        if (b === 0xf0) this.lower = 0x90;
        if (b === 0xf4) this.upper = 0x8f;
      } else return this.offset + i;
    }
    this.offset += chunk.length;
    return -1;
  }

  /** At end of input a dangling partial sequence is an error too. */
  finish(): number {
    return this.pending > 0 ? this.offset : -1;
  }
}
