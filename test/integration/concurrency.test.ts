import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { formatPeriod, nextPeriod, parsePeriod } from '../../src/periods';
import { adminHeaders, bearer } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';

const DS = 'agri-prices';
const BASE = `/api/v1/datasets/${DS}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function templateCsv(): Promise<{ period: string; csv: string }> {
  const { body } = await getJson(`${BASE}/releases`);
  const published = body.data.filter((r: { status: string }) => r.status === 'published');
  const period = published[published.length - 1].period.id as string;
  const res = await getJson(`${BASE}/releases/${period}/data.csv`);
  expect(res.status).to.equal(200);
  return { period, csv: res.body as string };
}

async function freshPeriod(after: string): Promise<string> {
  let p = nextPeriod(parsePeriod(after, 'week'));
  for (;;) {
    const text = formatPeriod(p);
    const { body } = await getJson(`${BASE}/releases?period=${text}`, { headers: adminHeaders() });
    if (body.data.length === 0) return text;
    p = nextPeriod(p);
  }
}

/** The same rows with every average price raised by `cents`, so two uploads are told apart by any row. */
function withPrices(csv: string, cents: number): string {
  const lines = csv.trim().split('\n');
  const header = lines[0]!.split(',');
  const avg = header.indexOf('avg_price');
  const out = lines.slice(1).map((l) => {
    const cells = l.split(',');
    cells[avg] = ((Math.round(Number(cells[avg]) * 100) + cents) / 100).toFixed(2);
    return cells.join(',');
  });
  return [lines[0], ...out].join('\n') + '\n';
}

const keyOf = (r: Record<string, unknown>) => `${r.city}|${r.market}|${r.product}`;

function pricesOf(csv: string): Map<string, number> {
  const [head, ...lines] = csv.trim().split('\n');
  const header = head!.split(',');
  return new Map(
    lines.map((l) => {
      const c = l.split(',');
      const r = Object.fromEntries(header.map((h, i) => [h, c[i]]));
      return [keyOf(r), Number(r.avg_price)];
    }),
  );
}

describe('concurrent uploads of one period', function () {
  this.timeout(300_000);
  let template: { period: string; csv: string };
  let last = '2026-W46';

  before(async () => {
    await testServer();
    template = await templateCsv();
    expect(template.csv).not.to.contain('"');
  });

  for (const round of [1, 2, 3]) {
    it(`lets exactly one of two simultaneous uploads win, without mixing rows (round ${round})`, async () => {
      const period = await freshPeriod(last);
      last = period;
      const base = template.csv.split(template.period).join(period);
      const files = [withPrices(base, 1), withPrices(base, 2)];
      const headers = { ...(await bearer('sx-agriculture')), 'content-type': 'text/csv' };

      const results = await Promise.all(
        files.map((body) => getJson(`${BASE}/releases?period=${period}`, { method: 'POST', headers, body })),
      );

      const statuses = results.map((r) => r.status).sort();
      expect(statuses, JSON.stringify(results.map((r) => r.body)).slice(0, 500)).to.deep.equal([201, 409]);
      const winner = results.findIndex((r) => r.status === 201);
      const loser = results[1 - winner]!;
      assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'post', 409, loser.body);
      expect(loser.body.error.code).to.equal('release_exists');
      expect(loser.body.error.details).to.include({ period, revision: 1 });
      const rel = results[winner]!.body.data;
      expect(rel).to.include({ revision: 1, status: 'published' });

      // Exactly the winner's rows: no duplicates, no mix of the two files.
      const expected = pricesOf(files[winner]!);
      const rows = await getJson(`${BASE}/rows?period=${period}&limit=10000&include_total=true`);
      expect(rows.status).to.equal(200);
      expect(rows.body.data).to.have.length(expected.size);
      expect(rows.body.meta.total).to.equal(expected.size);
      expect(new Set(rows.body.data.map(keyOf)).size).to.equal(expected.size);
      for (const r of rows.body.data as Record<string, unknown>[]) {
        expect(Number(r.avg_price), keyOf(r)).to.equal(expected.get(keyOf(r)));
      }
      const agg = await getJson(`${BASE}/aggregate?groupBy=period&count=true&period=${period}`);
      expect(agg.body.data).to.deep.equal([{ keys: { period }, count: expected.size }]);

      // Exactly one release, for everyone, and its file is the winner's.
      for (const h of [{}, adminHeaders()]) {
        const listed = await getJson(`${BASE}/releases?period=${period}`, { headers: h });
        expect(listed.body.data).to.have.length(1);
        expect(listed.body.data[0]).to.include({ id: rel.id, revision: 1, rowCount: expected.size });
      }
      const file = await getJson(`${BASE}/releases/${period}/data.csv`);
      expect(sha256(file.body as string)).to.equal(rel.sha256);
      expect(file.body).to.equal(files[winner]);
    });
  }
});
