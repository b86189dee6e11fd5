import { expect } from 'chai';
import {
  expectedPeriods,
  inSeason,
  periodState,
  rankAgencies,
  summarise,
  trackingStart,
  type ExpectedPeriod,
} from '../../src/calendar';
import type { Agency, Dataset } from '../../src/catalog';
import { dueDate, formatPeriod, parsePeriod } from '../../src/periods';

function dataset(over: Partial<Dataset> = {}): Dataset {
  return {
    id: 'd',
    title: { zh: '数据', en: 'Data' },
    description: { zh: '', en: '' },
    agencies: [],
    legalBasis: '晋政办发〔2017〕50号',
    clause: '六(三)',
    cadence: 'monthly',
    periodKind: 'month',
    season: null,
    dueRule: { offset: 'P15D', time: '09:00' },
    firstPeriod: '2024-01',
    leadTime: null,
    licence: 'CC-BY-4.0',
    themes: [],
    tags: [],
    disclosure: 'proactive',
    status: { status: 'active', label: '有效', date: null, reason: null },
    isSample: false,
    graphqlName: null,
    currentVersion: 1,
    createdAt: '2024-03-10T02:00:00.000Z',
    updatedAt: '2024-03-10T02:00:00.000Z',
    ...over,
  };
}

const ids = (list: { period: Parameters<typeof formatPeriod>[0] }[]) =>
  list.map((s) => formatPeriod(s.period));
const at = (iso: string) => new Date(iso);

describe('calendar: expected periods', () => {
  it('lists every month from the first period whose due instant has passed, in Beijing time', () => {
    // 2024-03 is due 2024-04-16 09:00 +08:00 = 01:00Z: one second before, it is not yet expected.
    const before = expectedPeriods(dataset(), at('2024-04-16T00:59:59Z'));
    const after = expectedPeriods(dataset(), at('2024-04-16T01:00:00Z'));
    expect(ids(before)).to.deep.equal(['2024-01', '2024-02']);
    expect(ids(after)).to.deep.equal(['2024-01', '2024-02', '2024-03']);
    expect(after[2]!.dueAt.toISOString()).to.equal('2024-04-16T01:00:00.000Z');
  });

  it('expects grain purchase pentads only inside the October–March season', () => {
    const d = dataset({
      cadence: 'pentad',
      periodKind: 'pentad',
      season: { startMonth: 10, endMonth: 3 },
      firstPeriod: '2024-09-P1',
      dueRule: { offset: 'P1D', time: '10:00' },
    });
    const list = ids(expectedPeriods(d, at('2025-05-01T00:00:00Z')));
    expect(list[0]).to.equal('2024-10-P1');
    expect(list).to.have.length(36); // 6 months × 6 pentads
    expect(list.at(-1)).to.equal('2025-03-P6');
    expect(inSeason(parsePeriod('2025-04-P1'), d.season)).to.equal(false);
    expect(inSeason(parsePeriod('2025-12-P3'), d.season)).to.equal(true);
  });

  it('starts tracking at registration when no first period is declared, and expects nothing of irregular data', () => {
    expect(formatPeriod(trackingStart(dataset({ firstPeriod: null })))).to.equal('2024-03');
    expect(expectedPeriods(dataset({ cadence: 'irregular' }), at('2030-01-01T00:00:00Z'))).to.deep.equal([]);
  });

  it('stops expecting periods after a 废止 (repealed) date', () => {
    const d = dataset({ status: { status: 'repealed', label: '废止', date: '2024-05-31', reason: 'r' } });
    expect(ids(expectedPeriods(d, at('2025-01-01T00:00:00Z')))).to.deep.equal([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
    ]);
  });
});

describe('calendar: period state', () => {
  const p = parsePeriod('2024-03');
  const dueAt = dueDate(p, { offset: 'P15D', time: '09:00' });
  const s = { period: p, dueAt };
  const now = at('2024-06-01T00:00:00Z');

  it('is on time at the due instant exactly, and late by the seconds after it', () => {
    expect(periodState(s, { publishAt: dueAt, revisions: 1 }, now)).to.include({
      state: 'on_time',
      delaySeconds: null,
    });
    const late = periodState(s, { publishAt: new Date(dueAt.getTime() + 90_061_000), revisions: 2 }, now);
    expect(late).to.include({ state: 'late', delaySeconds: 90_061, revisions: 2 });
  });

  it('is missing once due with nothing stored, upcoming before, and scheduled while embargoed', () => {
    expect(periodState(s, undefined, now).state).to.equal('missing');
    expect(periodState(s, undefined, at('2024-04-01T00:00:00Z')).state).to.equal('upcoming');
    const embargo = { publishAt: at('2024-07-01T00:00:00Z'), revisions: 1 };
    expect(periodState(s, embargo, now)).to.include({ state: 'scheduled' });
    expect(periodState(s, embargo, at('2024-07-01T00:00:00Z')).state).to.equal('late');
  });
});

describe('calendar: timeliness summary and ranking', () => {
  const now = at('2024-06-01T00:00:00Z');
  const mk = (
    state: ExpectedPeriod['state'],
    delaySeconds: number | null = null,
    due = '2024-05-01',
  ): ExpectedPeriod => ({
    period: parsePeriod('2024-01'),
    dueAt: at(`${due}T00:00:00Z`),
    state,
    publishedAt: null,
    delaySeconds,
    revisions: 0,
  });

  it('rates on-time periods over those due, and averages delays over late ones', () => {
    const s = summarise(
      [mk('on_time'), mk('late', 100), mk('late', 300), mk('missing'), mk('upcoming', null, '2024-07-01')],
      now,
    );
    expect(s).to.deep.equal({
      due: 4,
      onTime: 1,
      late: 2,
      missing: 1,
      scheduled: 0,
      upcoming: 1,
      incomplete: 0,
      onTimeRate: 0.25,
      averageDelaySeconds: 200,
      maxDelaySeconds: 300,
    });
    expect(summarise([], now).onTimeRate).to.equal(null);
  });

  it('ranks by on-time rate, then fewer missing; ties share a rank and idle agencies are unranked', () => {
    const agency = (id: string): Agency => ({ id, name: { zh: id, en: id }, homepage: null });
    const ranking = rankAgencies([
      { agency: agency('c'), summary: summarise([mk('on_time'), mk('missing')], now) },
      { agency: agency('a'), summary: summarise([mk('on_time')], now) },
      { agency: agency('idle'), summary: summarise([], now) },
      { agency: agency('b'), summary: summarise([mk('on_time'), mk('late', 5)], now) },
      { agency: agency('b2'), summary: summarise([mk('late', 5), mk('on_time')], now) },
    ]);
    expect(ranking.map((r) => [r.agency.id, r.rank])).to.deep.equal([
      ['a', 1],
      ['b', 2],
      ['b2', 2],
      ['c', 4],
      ['idle', null],
    ]);
  });
});
