import iconv from 'iconv-lite';
import { AppError, TooLargeError, ValidationError } from '../errors';
import { Utf8Validator } from './utf8-validator';

export type UploadCharset = 'utf-8' | 'gb18030';

const ALIASES: Record<string, UploadCharset> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  cp936: 'gb18030',
};

export function normalizeCharset(declared: string | undefined): UploadCharset | undefined {
  if (declared === undefined || declared === '') return undefined;
  const c = ALIASES[declared.trim().toLowerCase()];
  if (!c) {
    throw new AppError(
      'unsupported',
      'unsupported_charset',
      `Charset ${declared} is not accepted; use UTF-8, GBK or GB18030`,
      {
        charset: declared,
        accepted: ['utf-8', 'gbk', 'gb18030'],
      },
    );
  }
  return c;
}

const encodingError = (byteOffset: number, encoding: string, reason: string) =>
  new ValidationError(
    'invalid_encoding',
    `The file is not valid ${encoding} at byte ${byteOffset} (${reason})`,
    {
      byteOffset,
      encoding,
      reason,
    },
  );

const SNIFF_BYTES = 64 * 1024;

/** GBK files from Excel fail UTF-8 validation almost immediately; valid UTF-8 Chinese is never valid-looking GBK by accident here. */
function sniff(head: Buffer): UploadCharset {
  const v = new Utf8Validator();
  const bad = v.check(head);
  // A multi-byte sequence cut off at the sniff boundary is not evidence against UTF-8.
  return bad === -1 || bad >= head.length - 3 ? 'utf-8' : 'gb18030';
}

export interface DecodeOptions {
  declaredCharset?: string;
  limitBytes: number;
}

/** Decoded text that can say where in the uploaded bytes a piece of it came from. */
export interface DecodedText extends AsyncIterable<string> {
  /** The byte offset in the upload at which the chunk last yielded begins. */
  readonly chunkStart: number;
  /** How many bytes of the upload `text` (a prefix of the chunk last yielded) took. */
  byteLength(text: string): number;
}

interface DecodeState {
  chunkStart: number;
  charset: UploadCharset | undefined;
}

/**
 * Bytes in, text out, never holding more than one chunk: enforces the size limit,
 * strips a leading BOM, detects or obeys the charset, and rejects bytes that cannot be
 * text (invalid sequences, NUL, a BOM in mid-file) with their byte offset.
 */
export function decodeUpload(
  body: AsyncIterable<Buffer | Uint8Array | string>,
  o: DecodeOptions,
): DecodedText {
  const state: DecodeState = { chunkStart: 0, charset: undefined };
  const chunks = decodeChunks(body, o, state);
  return {
    [Symbol.asyncIterator]: () => chunks,
    get chunkStart() {
      return state.chunkStart;
    },
    byteLength: (text) =>
      state.charset === 'gb18030' ? iconv.encode(text, 'gb18030').length : Buffer.byteLength(text),
  };
}

async function* decodeChunks(
  body: AsyncIterable<Buffer | Uint8Array | string>,
  o: DecodeOptions,
  state: DecodeState,
): AsyncGenerator<string> {
  const declared = normalizeCharset(o.declaredCharset);
  let charset: UploadCharset | undefined = declared;
  let total = 0;
  let head: Buffer[] = [];
  let headSize = 0;
  const validator = new Utf8Validator();
  const utf8 = new TextDecoder('utf-8');
  const gb = iconv.getDecoder('gb18030');
  let started = false;

  // Bytes of the source already turned into emitted text: exact offsets even when a
  // character straddles two chunks (the decoders carry the partial bytes over).
  let decodedBytes = 0;
  let utf8Invalid = -1;
  const sourceBytes = (text: string) =>
    charset === 'utf-8' ? Buffer.byteLength(text) : iconv.encode(text, 'gb18030').length;

  const emit = (chunk: Buffer, offset: number): string => {
    if (!started) {
      started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        charset ??= 'utf-8';
        validator.check(chunk.subarray(0, 3));
        chunk = chunk.subarray(3);
        offset += 3;
        decodedBytes = 3;
      }
      if (!charset) {
        charset = sniff(chunk);
        if (charset === 'gb18030') utf8Invalid = new Utf8Validator().check(chunk);
      }
    }
    const nul = chunk.indexOf(0);
    if (nul !== -1) throw encodingError(offset + nul, charset!, 'NUL byte');
    let text: string;
    if (charset === 'utf-8') {
      const bad = validator.check(chunk);
      if (bad !== -1) throw encodingError(bad, 'utf-8', 'invalid byte sequence');
      text = utf8.decode(chunk, { stream: true });
    } else {
      text = gb.write(chunk);
      const r = text.indexOf('\uFFFD');
      if (r !== -1) {
        // Neither valid GB18030 nor UTF-8: most likely broken UTF-8, so point at that byte.
        const at =
          utf8Invalid !== -1 && !declared ? utf8Invalid : decodedBytes + sourceBytes(text.slice(0, r));
        throw encodingError(
          at,
          utf8Invalid !== -1 && !declared ? 'utf-8' : 'gb18030',
          'invalid byte sequence',
        );
      }
    }
    const bom = text.indexOf('\uFEFF');
    if (bom !== -1)
      throw encodingError(
        decodedBytes + sourceBytes(text.slice(0, bom)),
        charset!,
        'byte-order mark inside the file',
      );
    state.charset = charset;
    state.chunkStart = decodedBytes;
    decodedBytes += sourceBytes(text);
    return text;
  };

  let consumed = 0;
  for await (const raw of body) {
    const chunk =
      typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    total += chunk.length;
    if (total > o.limitBytes) {
      throw new TooLargeError('payload_too_large', `The upload exceeds ${o.limitBytes} bytes`, {
        limitBytes: o.limitBytes,
      });
    }
    if (!started && !charset && headSize < SNIFF_BYTES) {
      head.push(chunk);
      headSize += chunk.length;
      if (headSize < SNIFF_BYTES) continue;
      const joined = Buffer.concat(head);
      head = [];
      headSize = SNIFF_BYTES;
      yield emit(joined, consumed);
      consumed += joined.length;
      continue;
    }
    yield emit(chunk, consumed);
    consumed += chunk.length;
  }
  if (head.length > 0) {
    const joined = Buffer.concat(head);
    yield emit(joined, consumed);
    consumed += joined.length;
  }
  if (charset === 'utf-8') {
    const bad = validator.finish();
    if (bad !== -1) throw encodingError(bad, 'utf-8', 'truncated byte sequence at the end');
    const rest = utf8.decode();
    state.chunkStart = decodedBytes;
    if (rest) yield rest;
  } else if (charset === 'gb18030') {
    const rest = gb.end();
    if (rest) {
      if (rest.includes('\uFFFD'))
        throw encodingError(consumed, 'gb18030', 'truncated byte sequence at the end');
      state.chunkStart = decodedBytes;
      yield rest;
    }
  }
}
