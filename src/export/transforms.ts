import { Transform } from 'node:stream';
import iconv from 'iconv-lite';

/** Emits `prefix` before the first byte of the body (a BOM and/or a header line). */
export function prefixWith(prefix: string): Transform {
  let sent = false;
  const emit = (t: Transform) => {
    if (!sent && prefix) t.push(Buffer.from(prefix, 'utf8'));
    sent = true;
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      emit(this);
      cb(null, chunk);
    },
    flush(cb) {
      emit(this);
      cb();
    },
  });
}

/** Emits `suffix` after the last byte of the body. */
export function suffixWith(suffix: string): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, chunk);
    },
    flush(cb) {
      cb(null, Buffer.from(suffix, 'utf8'));
    },
  });
}

/**
 * Turns one-JSON-object-per-line into a JSON array without parsing anything. The final
 * newline of each chunk is held back so that only separators between rows become commas.
 */
export function linesToJsonArray(): Transform {
  let opened = false;
  let pending = false;
  const NL = 0x0a;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const parts: Buffer[] = [];
      if (!opened) parts.push(Buffer.from('['));
      opened = true;
      if (pending) parts.push(Buffer.from(',\n'));
      pending = chunk.length > 0 && chunk[chunk.length - 1] === NL;
      const body = pending ? chunk.subarray(0, chunk.length - 1) : chunk;
      let start = 0;
      for (let i = body.indexOf(NL); i !== -1; i = body.indexOf(NL, start)) {
        parts.push(body.subarray(start, i), Buffer.from(',\n'));
        start = i + 1;
      }
      parts.push(body.subarray(start));
      cb(null, Buffer.concat(parts));
    },
    flush(cb) {
      cb(null, Buffer.from(opened ? '\n]\n' : '[]\n'));
    },
  });
}

/** UTF-8 in, GB18030 out; iconv-lite's streams carry split multi-byte characters across chunks. */
export function toGb18030(): Transform[] {
  return [
    iconv.decodeStream('utf8') as unknown as Transform,
    iconv.encodeStream('gb18030') as unknown as Transform,
  ];
}
