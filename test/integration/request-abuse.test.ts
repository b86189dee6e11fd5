import { expect } from 'chai';
import { adminHeaders, bearer } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import { act, beijingToday, freshAgency, recordPaper, requestBody, submit } from '../support/requests';
import { startAppServer } from '../support/app-server';
import { getJson, testServer } from '../support/server';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('data requests: spam, rate limits and the web form', () => {
  let agency: string;
  before(async () => {
    agency = await freshAgency('abuse');
  });

  it('marks spam (honeypot, link farms) and keeps it out of the queue but counted', async () => {
    const honeypot = await submit(requestBody(agency, { website: 'http://buy.example' }));
    expect(honeypot.status).to.equal(201);
    expect(honeypot.body.data.status).to.equal('spam');
    const links = 'http://a.example http://b.example http://c.example http://d.example';
    const farm = await submit(requestBody(agency, { description: `便宜 ${links}` }));
    expect(farm.body.data.status).to.equal('spam');

    const queue = await getJson('/api/v1/requests/queue?status=all', { headers: await bearer(agency) });
    const queued = queue.body.data.map((r: { trackingNumber: string }) => r.trackingNumber);
    expect(queued).not.to.include(honeypot.body.data.trackingNumber);
    expect(queued).not.to.include(farm.body.data.trackingNumber);

    expect((await getJson('/api/v1/admin/requests', { headers: await bearer(agency) })).status).to.equal(403);
    const admin = await getJson(`/api/v1/admin/requests?status=spam&agency=${agency}`, {
      headers: adminHeaders(),
    });
    expect(admin.status).to.equal(200);
    assertMatchesSpec('/api/v1/admin/requests', 'get', 200, admin.body);
    expect(admin.body.meta.counts.spam).to.equal(2);
    const reasons = Object.fromEntries(
      admin.body.data.map((r: { trackingNumber: string; spamReasons: string[] }) => [
        r.trackingNumber,
        r.spamReasons,
      ]),
    );
    expect(reasons[honeypot.body.data.trackingNumber]).to.deep.equal(['honeypot']);
    expect(reasons[farm.body.data.trackingNumber]).to.deep.equal(['too_many_links']);
  });

  it('lets an agency mark spam by hand and an administrator restore a mistake', async () => {
    const tn = await recordPaper(agency, beijingToday());
    const marked = await act(agency, tn, 'spam');
    expect(marked.status).to.equal(200);
    expect(marked.body.data).to.include({ status: 'spam' });
    expect(marked.body.data.spamReasons).to.deep.equal(['manual']);
    const restore = (headers: Record<string, string>) =>
      getJson(`/api/v1/admin/requests/${tn}/restore`, { method: 'POST', headers });
    expect((await restore(await bearer(agency))).status).to.equal(403);
    const restored = await restore(adminHeaders());
    expect(restored.status).to.equal(200);
    expect(restored.body.data).to.include({ status: 'received', receivedOn: beijingToday() });
    expect((await restore(adminHeaders())).status, 'not spam any more').to.equal(409);
    const events = (await getJson(`/api/v1/requests/${tn}`)).body.data.events.map(
      (e: { kind: string }) => e.kind,
    );
    expect(events).to.deep.equal(['submitted', 'marked_spam', 'restored']);
  });

  it('limits anonymous submissions per client IP, form and API together, but not agencies', async () => {
    // The counters live in the database: a client address of its own (through a trusted
    // proxy's X-Forwarded-For) keeps this test from meeting an earlier run's count.
    const app = await startAppServer({
      SUBMISSION_RATE_LIMIT: '2',
      SUBMISSION_RATE_WINDOW_MS: '3600000',
      TRUST_PROXY: 'loopback',
    });
    const hex = () => Math.floor(Math.random() * 0xffff).toString(16);
    const client = { 'x-forwarded-for': `2001:db8:${hex()}:${hex()}::1` };
    try {
      const post = (headers: Record<string, string> = {}) =>
        fetch(`${app.url}/api/v1/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...client, ...headers },
          body: JSON.stringify(requestBody(agency)),
        });
      expect((await post()).status).to.equal(201);
      const viaForm = await fetch(`${app.url}/requests/new`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...client },
        body: form({ subject: 'x' }),
      });
      expect(viaForm.status, 'a refused form still counts').to.equal(400);
      const third = await post();
      expect(third.status).to.equal(429);
      const body = (await third.json()) as any;
      assertMatchesSpec('/api/v1/requests', 'post', 429, body);
      expect(body.error.code).to.equal('rate_limited');
      expect(body.error.details).to.include({ policy: 'submissions', limit: 2, windowSeconds: 3600 });
      expect(Number(third.headers.get('retry-after'))).to.be.within(3500, 3600);
      const feedback = await fetch(`${app.url}/api/v1/datasets/agri-prices/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...client },
        body: JSON.stringify({ kind: 'other', description: '下载很慢' }),
      });
      expect(feedback.status, '纠错 reports draw on the same budget').to.equal(429);
      const elsewhere = await post({ 'x-forwarded-for': `2001:db8:${hex()}:${hex()}::2` });
      expect(elsewhere.status, 'another client has its own budget').to.equal(201);
      const paper = await post({ ...(await bearer(agency)) });
      expect(paper.status, 'an agency recording requests is not limited').to.equal(201);
      expect(
        (await fetch(`${app.url}/api/v1/requests/queue`, { headers: await bearer(agency) })).status,
      ).to.equal(200);
    } finally {
      await app.close();
    }
  });

  it('serves a form that works without JavaScript and escapes what people type', async () => {
    const { url } = await testServer();
    const page = await fetch(`${url}/requests/new?dataset=fiscal-revenue-expenditure`);
    expect(page.status).to.equal(200);
    const html = await page.text();
    expect(html).to.contain('<form method="post" action="/requests/new">');
    expect(html).to.match(/<div hidden>\s*<label\s*>[^<]*<input name="website"/);
    expect(html).not.to.contain('<script');
    expect(html).to.contain('<option value="fiscal-revenue-expenditure" selected>');

    const evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const res = await fetch(`${url}/requests/new`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({
        subject: evil,
        description: '需要2025年数据',
        requesterType: 'natural_person',
        name: '张三',
        email: 'zhang@example.cn',
        agency,
        website: '',
      }),
    });
    expect(res.status).to.equal(201);
    const confirmation = await res.text();
    const tn = /data-tracking-number>([^<]+)</.exec(confirmation)?.[1] as string;
    expect(tn).to.match(/^YSQ\d{4}-/);
    const status = await (await fetch(`${url}/requests/${tn}`)).text();
    for (const body of [confirmation, status]) {
      expect(body).not.to.contain('<script>alert');
      expect(body).not.to.contain('<img src=x');
      expect(body).to.contain(
        '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;',
      );
      expect(body).not.to.contain('zhang@example.cn');
    }

    const invalid = await fetch(`${url}/requests/new`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ subject: evil, requesterType: 'natural_person', name: '张三' }),
    });
    expect(invalid.status).to.equal(400);
    const again = await invalid.text();
    expect(again).to.contain('$.description');
    expect(again).to.contain('value="&lt;script&gt;');
    expect((await fetch(`${url}/requests/YSQ2026-00000000`)).status).to.equal(404);
  });
});
