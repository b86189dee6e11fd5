import type { Request } from 'express';
import busboy from 'busboy';
import { TooLargeError, ValidationError } from '../errors';
import { MULTIPART_LIMITS } from './limits';

export interface UploadBody {
  mediaType: string | undefined;
  charset: string | undefined;
  stream: AsyncIterable<Buffer>;
}

function contentType(header: string | undefined): { mediaType?: string; charset?: string } {
  if (!header) return {};
  const [type, ...params] = header.split(';').map((s) => s.trim());
  const charset = params
    .find((p) => /^charset=/i.test(p))
    ?.split('=')[1]
    ?.replace(/"/g, '');
  return { mediaType: type?.toLowerCase(), charset };
}

// Browsers label CSV and JSON files inconsistently; the extension is the better witness.
function partType(filename: string, declared: string | undefined): string | undefined {
  if (/\.json$/i.test(filename)) return 'application/json';
  if (/\.(ndjson|jsonl)$/i.test(filename)) return 'application/x-ndjson';
  if (/\.csv$/i.test(filename) || declared === 'application/octet-stream') return 'text/csv';
  return declared;
}

async function* partBytes(file: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk;
  } catch (err) {
    throw new ValidationError(
      'invalid_multipart',
      `The multipart body is broken: ${(err as Error).message}`,
      {
        parameter: 'body',
      },
    );
  }
}

/** The first file part of a multipart form, streamed; the rest of the form is ignored. */
function multipartFile(req: Request): Promise<UploadBody> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { ...MULTIPART_LIMITS, files: 1 } });
    } catch (err) {
      reject(new ValidationError('invalid_multipart', (err as Error).message, { parameter: 'body' }));
      return;
    }
    let found = false;
    bb.on('file', (_name, file, info) => {
      found = true;
      const ct = contentType(info.mimeType);
      // A truncated form errors the part stream; without a listener that would crash the process.
      file.on('error', () => undefined);
      resolve({
        mediaType: partType(info.filename ?? '', ct.mediaType),
        charset: ct.charset,
        stream: partBytes(file),
      });
    });
    // Parts ahead of the file are parsed only to be skipped: past the limit, stop reading.
    bb.on('partsLimit', () => {
      if (found) return;
      req.unpipe(bb);
      reject(
        new ValidationError('invalid_multipart', `The form has more than ${MULTIPART_LIMITS.parts} parts`, {
          parameter: 'body',
          maxParts: MULTIPART_LIMITS.parts,
        }),
      );
    });
    bb.on('error', (err) =>
      reject(new ValidationError('invalid_multipart', (err as Error).message, { parameter: 'body' })),
    );
    bb.on('close', () => {
      if (!found)
        reject(new ValidationError('empty_upload', 'The form has no file part', { parameter: 'file' }));
    });
    req.pipe(bb);
  });
}

/**
 * The request body as a byte stream, without buffering it, plus its declared type and
 * charset. A plain body that declares more than `limitBytes` is refused before a byte is
 * read; the decoder enforces the same limit on what actually arrives (chunked bodies,
 * multipart file parts, whose form overhead is not the file's size).
 */
export async function uploadBody(req: Request, limitBytes: number): Promise<UploadBody> {
  const ct = contentType(req.get('content-type'));
  if (ct.mediaType === 'multipart/form-data') return multipartFile(req);
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) {
    throw new TooLargeError('payload_too_large', `The upload exceeds ${limitBytes} bytes`, { limitBytes });
  }
  return { mediaType: ct.mediaType, charset: ct.charset, stream: req };
}
