import { expect } from 'chai';
import { parsePeriod, periodStart } from '../../src/periods';
import { adminHeaders } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';

const AGRI = '/api/v1/datasets/agri-prices';
const PORK = encodeURIComponent('猪肉');

interface Group {
  keys: { period: string };
  count: number;
}

/** The month of a week's Thursday (ISO 8601), the rule the answers state. */
function thursdayMonth(week: string): string {
  const monday = Date.parse(`${periodStart(parsePeriod(week, 'week'))}T00:00:00Z`);
  return new Date(monday + 3 * 86_400_000).toISOString().slice(0, 7);
}

/** Sums weekly counts into the buckets `bucketOf` names, in bucket order. */
function rollUp(groups: Group[], bucketOf: (period: string) => string): Array<[string, number]> {
  const sums = new Map<string, number>();
  for (const g of groups)
    sums.set(bucketOf(g.keys.period), (sums.get(bucketOf(g.keys.period)) ?? 0) + g.count);
  return [...sums].sort(([a], [b]) => a.localeCompare(b));
}

const pairs = (groups: Group[]) => groups.map((g) => [g.keys.period, g.count]);

describe('calendar rollups and the latest periods', function () {
  this.timeout(120_000);
  before(() => testServer());

  it('rolls weeks up to months by their Thursday, the rule named in the answer', async () => {
    const range = `product=${PORK}&period[gte]=2019-W50&period[lte]=2021-W02`;
    const weekly = await getJson(`${AGRI}/aggregate?groupBy=period&count=true&${range}`);
    const monthly = await getJson(`${AGRI}/aggregate?groupBy=period:month&count=true&${range}`);
    expect(monthly.status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/aggregate', 'get', 200, monthly.body);
    expect(pairs(monthly.body.data)).to.deep.equal(rollUp(weekly.body.data, thursdayMonth));
    // 2020-W53 runs from 28 Dec 2020 to 3 Jan 2021; its Thursday is 31 December.
    expect(thursdayMonth('2020-W53')).to.equal('2020-12');
    expect(monthly.body.meta.rollup).to.deep.include({ field: 'period', from: 'week', to: 'month' });
    expect(monthly.body.meta.rollup.rule).to.match(/^iso-thursday/);

    const yearly = await getJson(`${AGRI}/aggregate?groupBy=period:year&count=true&${range}`);
    expect(pairs(yearly.body.data)).to.deep.equal(
      rollUp(weekly.body.data, (w) => thursdayMonth(w).slice(0, 4)),
    );
    const quarterly = await getJson(
      `${AGRI}/aggregate?groupBy=period:quarter&avg=avg_price&count=true&${range}`,
    );
    const quarterOf = (w: string) =>
      `${w.slice(0, 0)}${thursdayMonth(w).slice(0, 4)}-Q${Math.ceil(Number(thursdayMonth(w).slice(5)) / 3)}`;
    expect(pairs(quarterly.body.data)).to.deep.equal(rollUp(weekly.body.data, quarterOf));
  });

  it('rolls months up to quarters and years in calendar order', async () => {
    const base =
      '/api/v1/datasets/fiscal-revenue-expenditure/aggregate?count=true&period[gte]=2019-01&period[lte]=2020-12';
    const monthly = await getJson(`${base}&groupBy=period`);
    const quarterly = await getJson(`${base}&groupBy=period:quarter`);
    expect(monthly.body.data.length).to.be.greaterThan(0);
    const quarterOf = (m: string) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5, 7)) / 3)}`;
    expect(pairs(quarterly.body.data)).to.deep.equal(rollUp(monthly.body.data, quarterOf));
    expect(quarterly.body.meta.rollup.rule).to.match(/^calendar/);
  });

  it('refuses a rollup of anything but the period, or to a finer period, naming what is allowed', async () => {
    const city = await getJson(`${AGRI}/aggregate?groupBy=city:month&count=true`);
    expect(city.status).to.equal(400);
    expect(city.body.error.details).to.deep.include({
      parameter: 'groupBy',
      allowed: ['period:month', 'period:quarter', 'period:year'],
    });
    const finer = await getJson(
      '/api/v1/datasets/fiscal-revenue-expenditure/aggregate?groupBy=period:month&count=true',
    );
    expect(finer.status).to.equal(400);
  });

  it('answers the same rollup over GraphQL', async () => {
    const r = await getJson('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ agriculturalPricesAggregate(groupBy: [PERIOD_MONTH], filter: { product: { eq: "猪肉" }, period: { gte: "2020-W01", lte: "2020-W20" } }) { keys { period } count } }`,
      }),
    });
    expect(r.body.errors).to.equal(undefined);
    const rest = await getJson(
      `${AGRI}/aggregate?groupBy=period:month&count=true&product=${PORK}&period[gte]=2020-W01&period[lte]=2020-W20`,
    );
    expect(r.body.data.agriculturalPricesAggregate.map((g: Group) => [g.keys.period, g.count])).to.deep.equal(
      pairs(rest.body.data),
    );
  });

  it('reads the latest period, or the latest n, on rows, aggregates, exports and GraphQL', async () => {
    const released = await getJson(`${AGRI}/releases?limit=500`);
    const periods = [
      ...new Set((released.body.data as Array<{ period: { id: string } }>).map((r) => r.period.id)),
    ]
      .sort()
      .reverse();
    const rows = await getJson(`${AGRI}/rows?period=latest&limit=10000&fields=period`);
    expect(new Set(rows.body.data.map((r: { period: string }) => r.period))).to.deep.equal(
      new Set([periods[0]]),
    );
    const three = await getJson(`${AGRI}/aggregate?period=latest-3&groupBy=period&count=true`);
    expect(three.body.data.map((g: Group) => g.keys.period)).to.deep.equal(periods.slice(0, 3).reverse());
    const csv = await getJson(`${AGRI}/export.csv?period=latest&fields=period`);
    expect(new Set(String(csv.body).trim().split('\n').slice(1))).to.deep.equal(new Set([periods[0]]));
    const gql = await getJson('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ agriculturalPricesAggregate(groupBy: [PERIOD], filter: { period: { latest: 2 } }) { keys { period } } }',
      }),
    });
    expect(gql.body.data.agriculturalPricesAggregate.map((g: Group) => g.keys.period)).to.deep.equal(
      periods.slice(0, 2).reverse(),
    );
    const bad = await getJson(`${AGRI}/rows?period=latest-0`);
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal('invalid_filter_value');
  });

  it('means the latest as of asOf: never a period published later, never one under embargo', async () => {
    const released = await getJson(`${AGRI}/releases?limit=500`, { headers: adminHeaders() });
    const visible = (released.body.data as Array<{ period: { id: string }; publishAt: string }>)
      .filter((r) => Date.parse(r.publishAt) <= Date.now())
      .sort((a, b) => Date.parse(b.publishAt) - Date.parse(a.publishAt));
    const newest = visible[0]!;
    const before = new Date(Date.parse(newest.publishAt) - 1000).toISOString();
    const asOf = await getJson(`${AGRI}/aggregate?period=latest&groupBy=period&count=true&asOf=${before}`);
    const expected = visible
      .filter((r) => Date.parse(r.publishAt) <= Date.parse(before))
      .map((r) => r.period.id)
      .sort()
      .at(-1);
    expect(asOf.body.data.map((g: Group) => g.keys.period)).to.deep.equal([expected]);
  });
});
