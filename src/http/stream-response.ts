import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Request, Response } from 'express';

/** Streams with gzip when the client accepts it; a client that leaves tears the chain down. */
export function sendStream(req: Request, res: Response, stream: Readable): void {
  const gzip = /\bgzip\b/.test(req.get('accept-encoding') ?? '');
  res.setHeader('Vary', 'Accept-Encoding');
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  const done = (err: NodeJS.ErrnoException | null) => {
    if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') res.destroy(err);
  };
  if (gzip) pipeline(stream, zlib.createGzip({ level: 4 }), res, done);
  else pipeline(stream, res, done);
}

/** Counts the bytes of a body as they pass (before any gzip), once the stream ends or breaks. */
export function countBytes(stream: Readable, onDone: (bytes: number) => void): void {
  let bytes = 0;
  stream.on('data', (chunk: Buffer | string) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  });
  stream.once('close', () => onDone(bytes));
}
