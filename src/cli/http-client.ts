import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { CliError, ExitCode } from './exit-codes';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  /** Streamed, never buffered: uploads can be hundreds of megabytes. */
  body?: Readable;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** The one seam between the CLI and the network; tests substitute it. */
export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

// Long enough for the server to validate and store a large file after the last byte arrives.
const IDLE_TIMEOUT_MS = 10 * 60_000;

export function networkError(url: URL, err: NodeJS.ErrnoException): CliError {
  const why = err.code ?? err.message;
  return new CliError(ExitCode.serverOrNetwork, 'network_error', `Cannot reach ${url.origin}: ${why}`, {
    server: url.origin,
    cause: why,
  });
}

export const nodeTransport: Transport = (r) =>
  new Promise<HttpResponse>((resolve, reject) => {
    const lib = r.url.protocol === 'https:' ? https : http;
    let answered = false;
    const req = lib.request(r.url, { method: r.method, headers: r.headers }, (res) => {
      answered = true;
      // The server may answer (401, 413, ...) before it has read the body: stop sending.
      if (r.body && !r.body.readableEnded) {
        r.body.unpipe(req);
        r.body.destroy();
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
        // A half-sent upload leaves the connection unusable; GETs keep theirs for reuse.
        if (r.body) req.destroy();
      });
      res.on('error', (err) => reject(networkError(r.url, err)));
    });
    req.setTimeout(IDLE_TIMEOUT_MS, () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      // EPIPE/ECONNRESET after an early answer are expected; the answer is what matters.
      if (!answered) reject(networkError(r.url, err));
    });
    if (!r.body) {
      req.end();
      return;
    }
    r.body.on('error', (err) => {
      req.destroy();
      reject(new CliError(ExitCode.usage, 'read_error', `Cannot read the file: ${err.message}`));
    });
    r.body.pipe(req);
  });

export interface ApiResponse {
  status: number;
  /** Parsed JSON, or undefined when the answer was not JSON (a proxy's HTML page, say). */
  body: unknown;
  text: string;
  contentType: string;
}

export class ApiClient {
  constructor(
    readonly server: string,
    private readonly token: string | undefined,
    private readonly transport: Transport = nodeTransport,
    private readonly userAgent = 'opendata-cli',
  ) {}

  url(pathname: string, query: Record<string, string | undefined> = {}): URL {
    // Keep any base path the server URL has (https://host/opendata → https://host/opendata/api/v1/...).
    const url = new URL(this.server);
    url.pathname = url.pathname.replace(/\/+$/, '') + pathname;
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    return url;
  }

  async request(
    method: HttpRequest['method'],
    pathname: string,
    query: Record<string, string | undefined> = {},
    body?: { stream: Readable; contentType: string; length: number },
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': this.userAgent };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body) {
      headers['Content-Type'] = body.contentType;
      headers['Content-Length'] = String(body.length);
    }
    const res = await this.transport({ method, url: this.url(pathname, query), headers, body: body?.stream });
    const contentType = String(res.headers['content-type'] ?? '');
    let parsed: unknown;
    if (res.text && /json/i.test(contentType)) {
      try {
        parsed = JSON.parse(res.text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, body: parsed, text: res.text, contentType };
  }
}
