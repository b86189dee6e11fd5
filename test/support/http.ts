import http from 'node:http';
import { testServer } from './server';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes exactly as they crossed the wire (never decompressed). */
  body: Buffer;
}

/**
 * A request through node:http, which (unlike fetch) neither decompresses, decodes nor
 * follows redirects, so tests can see Content-Encoding, byte-order marks, non-UTF-8 bytes
 * and 3xx answers as sent. Any method (HEAD included).
 */
export async function rawRequest(
  method: string,
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { url } = await testServer();
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathAndQuery, url), { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A GET through rawRequest. */
export function rawGet(pathAndQuery: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest('GET', pathAndQuery, headers);
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
