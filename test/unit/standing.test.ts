import { expect } from 'chai';
import { expectedPeriods, standingOf, type FirstPublication } from '../../src/calendar';
import type { Dataset } from '../../src/catalog';
import { formatPeriod } from '../../src/periods';

function dataset(over: Partial<Dataset>): Dataset {
  return {
    id: 'd',
    title: { zh: '数据', en: 'Data' },
    description: { zh: '', en: '' },
    agencies: [],
    legalBasis: '晋政办发〔2017〕50号',
    clause: '三(五)',
    cadence: 'weekly',
    periodKind: 'week',
    season: null,
    dueRule: { offset: 'P2D', time: '09:30' },
    firstPeriod: '2017-W01',
    leadTime: null,
    licence: 'CC-BY-4.0',
    themes: [],
    tags: [],
    disclosure: 'proactive',
    status: { status: 'active', label: '有效', date: null, reason: null },
    isSample: false,
    graphqlName: null,
    currentVersion: 1,
    createdAt: '2017-01-01T00:00:00.000Z',
    updatedAt: '2017-01-01T00:00:00.000Z',
    ...over,
  };
}

/** Every period published on its due instant except the ones named. */
function publishedExcept(d: Dataset, until: Date, missing: string[]): Map<string, FirstPublication> {
  const pubs = new Map<string, FirstPublication>();
  for (const s of expectedPeriods(d, until)) {
    const id = formatPeriod(s.period);
    if (!missing.includes(id)) pubs.set(id, { publishAt: s.dueAt, revisions: 1 });
  }
  return pubs;
}

describe('calendar: where a dataset stands today', () => {
  const now = new Date('2026-12-06T04:00:00Z'); // Sunday noon, Beijing

  it('names the latest due week, the next due date, and whether the latest is unpublished', () => {
    const d = dataset({});
    const on = standingOf(d, publishedExcept(d, now, []), now);
    expect(formatPeriod(on.latest!.period)).to.equal('2026-W48');
    expect(on.latest!.state).to.equal('on_time');
    expect(on.overdue).to.equal(false);
    // 2026-W49 ends today (Sunday 6 December): due two days after the day after, at 09:30 Beijing.
    expect(formatPeriod(on.next!.period)).to.equal('2026-W49');
    expect(on.next!.dueAt.toISOString()).to.equal('2026-12-09T01:30:00.000Z');

    const late = standingOf(d, publishedExcept(d, now, ['2026-W48']), now);
    expect(late.overdue).to.equal(true);
    expect(late.latest!.state).to.equal('missing');
  });

  it('finds the next pentad across the season break and nothing for irregular or expired items', () => {
    const grain = dataset({
      cadence: 'pentad',
      periodKind: 'pentad',
      season: { startMonth: 10, endMonth: 3 },
      firstPeriod: '2017-10-P1',
      dueRule: { offset: 'P1D', time: '10:00' },
    });
    const summer = new Date('2026-06-15T00:00:00Z');
    const s = standingOf(grain, publishedExcept(grain, summer, []), summer);
    expect(formatPeriod(s.latest!.period)).to.equal('2026-03-P6');
    expect(formatPeriod(s.next!.period)).to.equal('2026-10-P1');

    expect(standingOf(dataset({ cadence: 'irregular' }), new Map(), now)).to.deep.equal({
      latest: null,
      next: null,
      overdue: false,
    });
    const expired = dataset({
      status: { status: 'expired', label: '失效', date: '2026-06-30', reason: null },
    });
    expect(standingOf(expired, new Map(), now).next).to.equal(null);
  });
});
