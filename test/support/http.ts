import http from 'node:http';
import { testServer } from './server';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes exactly as they crossed the wire (never decompressed). */
  body: Buffer;
}

/**
 * A GET through node:http, which (unlike fetch) neither decompresses nor decodes, so
 * tests can see Content-Encoding, byte-order marks and non-UTF-8 bytes as sent.
 */
export async function rawGet(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { url } = await testServer();
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(pathAndQuery, url), { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/**
 * rawGet, following one redirect with the same headers (as a browser or CDN would): the
 * mutable release URLs redirect to their content-addressed file. `redirect` is the first answer.
 */
export async function rawGetFollowing(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<RawResponse & { redirect: RawResponse | undefined }> {
  const first = await rawGet(pathAndQuery, headers);
  const location = first.headers.location;
  if (first.status < 300 || first.status > 399 || !location) return { ...first, redirect: undefined };
  return { ...(await rawGet(location, headers)), redirect: first };
}
