import { expect } from 'chai';
import http from 'node:http';
import net from 'node:net';
import { startAppServer, type AppServer } from '../support/app-server';
import { adminHeaders } from '../support/auth';
import { createTinyDataset } from '../support/tiny-dataset';

/** Opens a raw connection, sends `text`, and resolves with everything the server sent until it closed. */
function rawExchange(url: string, text: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (received += c));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends the CSV in `parts`, pausing `pauseMs` between them, and resolves with the answer. */
function trickleUpload(
  url: string,
  parts: string[],
  pauseMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': 'text/csv' },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    void (async () => {
      for (const part of parts) {
        req.write(part);
        await sleep(pauseMs);
      }
      req.end();
    })();
  });
}

describe('server timeouts (HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS)', function () {
  this.timeout(60_000);
  let app: AppServer | undefined;
  let datasetId: string;

  before(async () => {
    datasetId = await createTinyDataset(
      'timeouts',
      [{ name: 'city', type: 'string', title: { zh: '城市', en: 'City' } }],
      ['period', 'city'],
    );
    app = await startAppServer({
      HEADERS_TIMEOUT_MS: '400',
      REQUEST_TIMEOUT_MS: '3000',
      KEEP_ALIVE_TIMEOUT_MS: '300',
    });
  });

  after(async () => {
    await app?.close();
  });

  it('answers 408 and closes a connection whose headers never finish', async () => {
    const answer = await rawExchange(app!.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    expect(answer).to.match(/^HTTP\/1\.1 408 /);
  });

  it('lets an upload body take longer than the header timeout', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `2026-02,城市${i}\n`);
    // Six pauses of 200 ms: three times HEADERS_TIMEOUT_MS, well within REQUEST_TIMEOUT_MS.
    const res = await trickleUpload(
      `${app!.url}/api/v1/datasets/${datasetId}/releases?period=2026-02`,
      ['period,city\n', ...rows],
      200,
    );
    expect(res.status, res.body).to.equal(201);
    expect(JSON.parse(res.body).data.rowCount).to.equal(6);
  });

  it('cuts a request whose body is still arriving at REQUEST_TIMEOUT_MS with 408', async () => {
    const answer = await rawExchange(
      app!.url,
      `POST /api/v1/datasets/${datasetId}/releases?period=2026-03 HTTP/1.1\r\nHost: localhost\r\n` +
        `Authorization: ${adminHeaders().authorization}\r\nContent-Type: text/csv\r\nContent-Length: 1000\r\n\r\nperiod,city\n`,
    );
    expect(answer).to.match(/^HTTP\/1\.1 408 /);
    const releases = await fetch(`${app!.url}/api/v1/datasets/${datasetId}/releases`);
    const periods = ((await releases.json()) as any).data.map((r: { period: { id: string } }) => r.period.id);
    expect(periods).to.not.include('2026-03');
  });

  it('closes an idle keep-alive connection after KEEP_ALIVE_TIMEOUT_MS', async () => {
    const answer = await rawExchange(
      app!.url,
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n',
    );
    expect(answer).to.match(/^HTTP\/1\.1 200 /);
    // rawExchange resolves only once the server has closed the idle connection.
    expect(answer).to.match(/Keep-Alive: timeout=\d+/i);
  });
});
