import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import ICAL from 'ical.js';
import { createDataset, upsertAgency } from '../../src/catalog';
import { publishRelease, registerSchemaVersion } from '../../src/ingest';
import {
  dueDate,
  formatPeriod,
  nextPeriod,
  periodContaining,
  periodEnd,
  periodStart,
  previousPeriod,
  shanghaiDate,
  type Period,
} from '../../src/periods';
import { adminHeaders } from '../support/auth';
import { TEST_ADMIN_TOKEN } from '../support/server';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';

const RULE = { offset: 'P10D', time: '09:00' };
const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const shift = (p: Period, n: number): Period => {
  let q = p;
  for (let i = 0; i < Math.abs(n); i++) q = n > 0 ? nextPeriod(q) : previousPeriod(q);
  return q;
};
const due = (p: Period) => dueDate(p, RULE);

interface Fixture {
  id: string;
  lead: string;
  partner: string;
  m: (k: number) => Period;
  year: number;
}

/**
 * A monthly item tracked from five months ago: M-5 on time, M-4 two days late, M-3 never
 * published, M-2 on time and later revised, M+1 embargoed for an hour. M is this month.
 */
async function buildFixture(): Promise<Fixture> {
  const { db } = await testServer();
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const lead = `cal-lead-${tag}`;
  const partner = `cal-partner-${tag}`;
  const id = `cal-fiscal-${tag}`;
  const M = periodContaining('month', shanghaiDate(new Date()));
  const m = (k: number) => shift(M, k);
  await upsertAgency(db.knex, { id: lead, name: { zh: '测试财政厅', en: 'Test Finance' }, homepage: null });
  await upsertAgency(db.knex, {
    id: partner,
    name: { zh: '测试统计局', en: 'Test Statistics' },
    homepage: null,
  });
  await createDataset(db.knex, {
    id,
    title: { zh: '测试月度财政收支', en: 'Test monthly fiscal figures' },
    description: { zh: '日历测试', en: 'calendar test' },
    agencies: [lead, partner],
    legalBasis: '晋政办发〔2017〕50号',
    clause: '六(三)',
    cadence: 'monthly',
    dueRule: RULE,
    firstPeriod: formatPeriod(m(-5)),
    // Scheduled releases of the coming months (m(1), m(2)) need a lead time, as a budget does.
    leadTime: 'P3M',
    licence: 'CC-BY-4.0',
    themes: [],
    tags: [],
  });
  await registerSchemaVersion(
    db,
    id,
    {
      fields: [
        { name: 'period', type: 'period', periodKind: 'month', title: { zh: '月份', en: 'Month' } },
        { name: 'revenue', type: 'number', title: { zh: '收入', en: 'Revenue' }, unit: '亿元' },
      ],
      primaryKey: ['period'],
    },
    { allowMajor: false, createdBy: 'test' },
  );
  const publish = (p: Period, publishAt: Date, reason?: string) =>
    publishRelease(db, {
      datasetId: id,
      period: formatPeriod(p),
      records: [{ line: 2, cells: { revenue: '12.5' } }],
      createdBy: 'test',
      note: 'secret note 内部备注',
      publishAt,
      revise: reason ? { reason } : undefined,
    });
  await publish(m(-5), new Date(due(m(-5)).getTime() - HOUR));
  await publish(m(-4), new Date(due(m(-4)).getTime() + 48 * HOUR));
  await publish(m(-2), new Date(due(m(-2)).getTime() - HOUR));
  await publish(m(-2), new Date(due(m(-2)).getTime() + 24 * HOUR), '更正 correction');
  await publish(m(1), new Date(Date.now() + HOUR));
  return { id, lead, partner, m, year: Number(shanghaiDate(due(m(-4))).slice(0, 4)) };
}

describe('release calendar and timeliness', () => {
  let f: Fixture;
  before(async function () {
    this.timeout(60_000);
    f = await buildFixture();
  });

  const stateOf = (periods: any[], p: Period) => periods.find((x) => x.period.id === formatPeriod(p));

  it('lists each expected period with on time, late by how much, missing and scheduled', async () => {
    const res = await getJson(`/api/v1/datasets/${f.id}/timeliness`);
    expect(res.status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/timeliness', 'get', 200, res.body);
    const { periods, summary } = res.body.data;
    expect(periods[0].period.id).to.equal(formatPeriod(f.m(-5)));
    expect(stateOf(periods, f.m(-5))).to.include({ state: 'on_time', delaySeconds: null, revisions: 1 });
    expect(stateOf(periods, f.m(-4))).to.include({ state: 'late', delaySeconds: 172_800 });
    expect(stateOf(periods, f.m(-3))).to.include({ state: 'missing', publishedAt: null });
    expect(stateOf(periods, f.m(-2))).to.include({ state: 'on_time', revisions: 2 });
    expect(stateOf(periods, f.m(1))).to.include({ state: 'scheduled' });
    expect(stateOf(periods, f.m(-4)).dueAt).to.equal(due(f.m(-4)).toISOString());
    expect(stateOf(periods, f.m(-4)).period.label.zh).to.match(/^\d{4}年\d{1,2}月$/);
    const lastMonthDue = due(f.m(-1)) <= new Date();
    expect(stateOf(periods, f.m(-1))?.state).to.equal(lastMonthDue ? 'missing' : 'upcoming');
    expect(summary).to.include({ onTime: 2, late: 1, missing: lastMonthDue ? 2 : 1, scheduled: 1 });
    expect(summary.due).to.equal(lastMonthDue ? 5 : 4);
    expect(summary.onTimeRate).to.equal(Math.round((2 / summary.due) * 10_000) / 10_000);
    expect(summary.averageDelaySeconds).to.equal(172_800);
    expect(res.body.meta.datasetStatus.label).to.equal('有效');
  });

  it('counts only the periods due in the asked year', async () => {
    const res = await getJson(`/api/v1/datasets/${f.id}/timeliness?year=${f.year}`);
    expect(res.status).to.equal(200);
    for (const p of res.body.data.periods)
      expect(shanghaiDate(new Date(p.dueAt)).slice(0, 4)).to.equal(String(f.year));
    const bad = await getJson(`/api/v1/datasets/${f.id}/timeliness?year=17`);
    expect(bad.status).to.equal(400);
    expect(bad.body.error).to.include({ code: 'invalid_parameter' });
    expect(bad.body.error.details.parameter).to.equal('year');
  });

  it('gives the lead agency its record and rank, and lists the item to the partner as partner', async () => {
    const lead = await getJson(`/api/v1/agencies/${f.lead}/timeliness?year=${f.year}`);
    expect(lead.status).to.equal(200);
    assertMatchesSpec('/api/v1/agencies/{agencyId}/timeliness', 'get', 200, lead.body);
    const item = lead.body.data.datasets.find((d: any) => d.dataset.id === f.id);
    expect(item.role).to.equal('lead');
    expect(item.latePeriods.map((p: any) => [p.period.id, p.delaySeconds])).to.deep.equal([
      [formatPeriod(f.m(-4)), 172_800],
    ]);
    if (shanghaiDate(due(f.m(-3))).startsWith(String(f.year))) {
      expect(item.missingPeriods.map((p: any) => p.period.id)).to.include(formatPeriod(f.m(-3)));
    }
    expect(lead.body.data.rank).to.be.a('number');
    expect(lead.body.data.summary).to.deep.equal(item.summary);

    const partner = await getJson(`/api/v1/agencies/${f.partner}/timeliness?year=${f.year}`);
    expect(partner.body.data.datasets.map((d: any) => [d.dataset.id, d.role])).to.deep.equal([
      [f.id, 'partner'],
    ]);
    expect(partner.body.data.rank).to.equal(null);

    const ranking = await getJson(`/api/v1/timeliness?year=${f.year}`);
    assertMatchesSpec('/api/v1/timeliness', 'get', 200, ranking.body);
    const rows = ranking.body.data as any[];
    expect(rows.find((r) => r.agency.id === f.lead).rank).to.equal(lead.body.data.rank);
    const ranked = rows.filter((r) => r.rank !== null);
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i].summary.onTimeRate).to.be.at.most(ranked[i - 1].summary.onTimeRate);
      expect(ranked[i].rank).to.be.at.least(ranked[i - 1].rank);
    }
    expect(rows.slice(ranked.length).every((r) => r.rank === null)).to.equal(true);
    expect((await getJson(`/api/v1/agencies/no-such-agency/timeliness`)).status).to.equal(404);
  });

  it('serves due dates and scheduled releases as JSON, showing a scheduled release’s time only', async () => {
    const from = periodStart(f.m(-5));
    const to = periodEnd(f.m(3));
    const res = await getJson(`/api/v1/calendar?agency=${f.lead}&from=${from}&to=${to}`);
    expect(res.status).to.equal(200);
    assertMatchesSpec('/api/v1/calendar', 'get', 200, res.body);
    const events = res.body.data as any[];
    const dueIds = events.filter((e) => e.kind === 'due').map((e) => e.period.id);
    for (let k = -5; k <= 2; k++) {
      const inWindow = shanghaiDate(due(f.m(k))) <= to;
      expect(dueIds.includes(formatPeriod(f.m(k))), `due event for M${k}`).to.equal(inWindow);
    }
    const scheduled = events.filter((e) => e.kind === 'scheduled');
    expect(scheduled.map((e) => e.period.id)).to.deep.equal([formatPeriod(f.m(1))]);
    expect(scheduled[0].state).to.equal('scheduled');
    expect(Date.parse(scheduled[0].at)).to.be.greaterThan(Date.now());
    const text = JSON.stringify(res.body);
    expect(text).not.to.contain('secret note');
    expect(text).not.to.match(/sha256|rowCount|revenue/);
    const times = events.map((e) => Date.parse(e.at));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
  });

  it('serves the same events as an iCalendar feed that a calendar parser reads', async () => {
    const q = `agency=${f.lead}&from=${periodStart(f.m(-5))}&to=${periodEnd(f.m(3))}`;
    const json = await getJson(`/api/v1/calendar?${q}`);
    const { url } = await testServer();
    for (const [path, headers] of [
      [`/api/v1/calendar.ics?${q}`, {}],
      [`/api/v1/calendar?${q}`, { accept: 'text/calendar' }],
    ] as const) {
      const res = await fetch(url + path, { headers });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/calendar; charset=utf-8/);
      const cal = new ICAL.Component(ICAL.parse(await res.text()));
      const vevents = cal.getAllSubcomponents('vevent');
      expect(vevents).to.have.length(json.body.data.length);
      const byUid = new Map(vevents.map((v) => [String(v.getFirstPropertyValue('uid')), v]));
      expect(byUid.size).to.equal(vevents.length);
      for (const e of json.body.data) {
        const v = byUid.get(`${e.kind}-${e.datasetId}-${e.period.id}@127.0.0.1`);
        expect(v, `${e.kind} ${e.period.id}`).to.not.equal(undefined);
        const start = v!.getFirstPropertyValue('dtstart') as ICAL.Time;
        // iCalendar times have whole seconds.
        expect(start.toJSDate().getTime()).to.equal(Math.floor(Date.parse(e.at) / 1000) * 1000);
        expect(String(v!.getFirstPropertyValue('summary'))).to.contain('测试月度财政收支');
        expect(String(v!.getFirstPropertyValue('x-opendata-state'))).to.equal(e.state);
      }
    }
  });

  it('refuses bad calendar windows and unknown agencies with clear errors', async () => {
    const cases: Array<[string, number, string, string?]> = [
      ['from=2026-02-30', 400, 'invalid_parameter', 'from'],
      ['to=tomorrow', 400, 'invalid_parameter', 'to'],
      ['from=2026-05-01&to=2026-04-01', 400, 'invalid_date_range'],
      ['from=2020-01-01&to=2026-01-01', 400, 'calendar_range_too_large'],
      ['agency=nobody-here', 404, 'agency_not_found'],
    ];
    for (const [query, status, code, parameter] of cases) {
      const res = await getJson(`/api/v1/calendar?${query}`);
      expect(res.status, query).to.equal(status);
      expect(res.body.error.code, query).to.equal(code);
      if (parameter) expect(res.body.error.details.parameter).to.equal(parameter);
    }
  });

  it('turns a scheduled period into a published one when its embargo lifts, with no restart', async () => {
    const { db } = await testServer();
    const lift = new Date(Date.now() + 2_500);
    await publishRelease(db, {
      datasetId: f.id,
      period: formatPeriod(f.m(2)),
      records: [{ line: 2, cells: { revenue: '1' } }],
      createdBy: 'test',
      publishAt: lift,
    });
    const window = `from=${periodStart(f.m(0))}&to=${periodEnd(f.m(3))}&agency=${f.lead}`;
    const before = await getJson(`/api/v1/datasets/${f.id}/timeliness`);
    expect(stateOf(before.body.data.periods, f.m(2)).state).to.equal('scheduled');
    const cal1 = await getJson(`/api/v1/calendar?${window}`);
    expect(
      cal1.body.data.some((e: any) => e.kind === 'scheduled' && e.period.id === formatPeriod(f.m(2))),
    ).to.equal(true);
    await sleep(lift.getTime() - Date.now() + 200);
    const after = await getJson(`/api/v1/datasets/${f.id}/timeliness`);
    expect(stateOf(after.body.data.periods, f.m(2))).to.include({
      state: 'on_time',
      publishedAt: lift.toISOString(),
    });
    const cal2 = await getJson(`/api/v1/calendar?${window}`);
    expect(
      cal2.body.data.some((e: any) => e.kind === 'scheduled' && e.period.id === formatPeriod(f.m(2))),
    ).to.equal(false);
  });

  it('answers Agency.timeliness and Dataset.timeliness on GraphQL with the REST figures', async () => {
    const rest = await getJson(`/api/v1/agencies/${f.lead}/timeliness?year=${f.year}`);
    const ds = await getJson(`/api/v1/datasets/${f.id}/timeliness`);
    const res = await getJson('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($a: String!, $d: String!, $y: Int) {
          agency(id: $a) { timeliness(year: $y) { rank year summary { due onTime late missing onTimeRate }
            datasets { role timeliness { dataset { id } periods(state: LATE) { period { id } delaySeconds } } } } }
          dataset(id: $d) { timeliness { summary { due onTime late missing scheduled } periods { period { id } state } } }
          timelinessRanking(year: $y) { rank agency { id } } }`,
        variables: { a: f.lead, d: f.id, y: f.year },
      }),
    });
    expect(res.body.errors).to.equal(undefined);
    const a = res.body.data.agency.timeliness;
    expect(a.rank).to.equal(rest.body.data.rank);
    const { due, onTime, late, missing, onTimeRate } = rest.body.data.summary;
    expect(a.summary).to.deep.equal({ due, onTime, late, missing, onTimeRate });
    expect(a.datasets[0].timeliness.periods).to.deep.equal([
      { period: { id: formatPeriod(f.m(-4)) }, delaySeconds: 172_800 },
    ]);
    const d = res.body.data.dataset.timeliness;
    expect(d.periods.map((p: any) => [p.period.id, p.state.toLowerCase()])).to.deep.equal(
      ds.body.data.periods.map((p: any) => [p.period.id, p.state]),
    );
    const rankOfLead = res.body.data.timelinessRanking.find((r: any) => r.agency.id === f.lead).rank;
    expect(rankOfLead).to.equal(rest.body.data.rank);
  });

  it('feeds the agency CLI’s status command: what is due, late or scheduled', async () => {
    const { url } = await testServer();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'opendata-cal-'));
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [path.resolve(__dirname, '../../bin/opendata.js'), ...args], {
          env: { PATH: process.env.PATH, HOME: home, OPENDATA_SERVER: url, OPENDATA_TOKEN: TEST_ADMIN_TOKEN },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout }));
      });
    const text = await run(['status', '--agency', f.lead]);
    expect(text.code).to.equal(0);
    const section = text.stdout.split('Due and scheduled:')[1] ?? '';
    expect(section).to.contain(formatPeriod(f.m(1)));
    expect(section).to.contain('scheduled');
    const json = await run(['status', '--agency', f.lead, '--json']);
    const calendar = JSON.parse(json.stdout).data.calendar as any[];
    expect(calendar.some((e) => e.kind === 'scheduled' && e.period.id === formatPeriod(f.m(1)))).to.equal(
      true,
    );
  });

  it('stops expecting periods after the item is marked 废止, and shows the mark', async () => {
    const statusDate = periodEnd(f.m(-3));
    const put = await getJson(`/api/v1/datasets/${f.id}/status`, {
      method: 'PUT',
      headers: { ...adminHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'repealed', date: statusDate, reason: '已被新文件替代' }),
    });
    expect(put.status).to.equal(200);
    const res = await getJson(`/api/v1/datasets/${f.id}/timeliness`);
    expect(res.body.data.periods.map((p: any) => p.period.id)).to.deep.equal(
      [-5, -4, -3].map((k) => formatPeriod(f.m(k))),
    );
    expect(res.body.meta.datasetStatus).to.include({ status: 'repealed', label: '废止', date: statusDate });
    const cal = await getJson(
      `/api/v1/calendar?agency=${f.lead}&from=${periodStart(f.m(-5))}&to=${periodEnd(f.m(3))}`,
    );
    expect(cal.body.data.every((e: any) => e.dataset.status.label === '废止')).to.equal(true);
  });
});
