import { expect } from 'chai';
import { ValidationError } from '../../src/errors';
import {
  PERIOD_KINDS,
  comparePeriods,
  dueDate,
  formatPeriod,
  nextPeriod,
  parseIsoDuration,
  parsePeriod,
  periodContaining,
  periodEnd,
  periodKindOf,
  periodLabelEn,
  periodLabelZh,
  periodRange,
  periodStart,
  previousPeriod,
  releasableFrom,
  shanghaiDate,
  tryParsePeriod,
  type Period,
} from '../../src/periods';

function caught(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(ValidationError);
    return err as ValidationError;
  }
  expect.fail('expected a ValidationError');
}

const p = (text: string): Period => parsePeriod(text);
const fmt = (periods: Period[]): string[] => periods.map(formatPeriod);

describe('periods: parsing and formatting', () => {
  it('parses every canonical form into kind, year and index', () => {
    expect(p('2017-W19')).to.deep.equal({ kind: 'week', year: 2017, index: 19 });
    expect(p('2017-10-P1')).to.deep.equal({ kind: 'pentad', year: 2017, index: 55 });
    expect(p('2017-05')).to.deep.equal({ kind: 'month', year: 2017, index: 5 });
    expect(p('2017-Q2')).to.deep.equal({ kind: 'quarter', year: 2017, index: 2 });
    expect(p('2017-H1')).to.deep.equal({ kind: 'half', year: 2017, index: 1 });
    expect(p('2017')).to.deep.equal({ kind: 'year', year: 2017, index: 1 });
  });

  it('accepts lowercase letters and a one-digit week but always formats canonically', () => {
    expect(formatPeriod(p('2017-w9'))).to.equal('2017-W09');
    expect(formatPeriod(p('2017-W9'))).to.equal('2017-W09');
    expect(formatPeriod(p('2017-10-p6'))).to.equal('2017-10-P6');
    expect(formatPeriod(p('2017-q2'))).to.equal('2017-Q2');
    expect(formatPeriod(p('2017-h2'))).to.equal('2017-H2');
  });

  const malformed = [
    '2017-W54',
    '2017-13',
    '2017-Q5',
    '2017/13/45',
    '',
    'x',
    '2017-W00',
    '2017-W009',
    '2017-00',
    '2017-5',
    '2017-Q0',
    '2017-H3',
    '2017-10-P7',
    '2017-10-P0',
    '2017-13-P1',
    '2017-00-P7',
    '2017-05-01',
    ' 2017',
    '2017 ',
    '1899',
    '3000',
    '２０１７',
    '17-05',
  ];
  for (const text of malformed) {
    it(`rejects ${JSON.stringify(text)} with invalid_period`, () => {
      const err = caught(() => parsePeriod(text));
      expect(err.code).to.equal('invalid_period');
      expect(err.details).to.deep.equal({ value: text });
      expect(tryParsePeriod(text)).to.equal(null);
      expect(periodKindOf(text)).to.equal(null);
    });
  }

  it('rejects a valid period of the wrong kind, naming the expected kind', () => {
    expect(parsePeriod('2017-Q2', 'quarter')).to.deep.equal({ kind: 'quarter', year: 2017, index: 2 });
    const err = caught(() => parsePeriod('2017-05', 'quarter'));
    expect(err.code).to.equal('invalid_period');
    expect(err.details).to.deep.equal({ value: '2017-05', expected: 'quarter' });
  });

  it('reports the kind of valid period texts only', () => {
    expect(
      ['2017-W19', '2017-10-P1', '2017-05', '2017-Q2', '2017-H1', '2017'].map(periodKindOf),
    ).to.deep.equal([...PERIOD_KINDS]);
    expect(periodKindOf('2021-W53')).to.equal(null);
  });

  it('refuses to format hand-built periods that are out of range', () => {
    expect(caught(() => formatPeriod({ kind: 'month', year: 2017, index: 13 })).code).to.equal(
      'invalid_period',
    );
    expect(caught(() => formatPeriod({ kind: 'week', year: 2021, index: 53 })).code).to.equal(
      'invalid_period',
    );
    expect(caught(() => periodLabelZh({ kind: 'year', year: 1899, index: 1 })).code).to.equal(
      'invalid_period',
    );
    expect(
      caught(() => periodStart({ kind: 'day', year: 2017, index: 1 } as unknown as Period)).code,
    ).to.equal('invalid_period');
  });
});

describe('periods: ISO weeks', () => {
  it('allows W53 only in years with 53 ISO weeks', () => {
    expect(formatPeriod(p('2020-W53'))).to.equal('2020-W53');
    expect(formatPeriod(p('2015-W53'))).to.equal('2015-W53');
    expect(caught(() => parsePeriod('2021-W53')).code).to.equal('invalid_period');
  });

  it('assigns dates at year boundaries to the ISO week-year', () => {
    expect(formatPeriod(periodContaining('week', '2015-12-31'))).to.equal('2015-W53');
    expect(formatPeriod(periodContaining('week', '2021-01-03'))).to.equal('2020-W53');
    expect(formatPeriod(periodContaining('week', '2018-12-31'))).to.equal('2019-W01');
    expect(formatPeriod(periodContaining('week', '1900-01-01'))).to.equal('1900-W01');
  });

  it('runs weeks from Monday to Sunday, possibly across a calendar year', () => {
    expect([periodStart(p('2017-W19')), periodEnd(p('2017-W19'))]).to.deep.equal([
      '2017-05-08',
      '2017-05-14',
    ]);
    expect([periodStart(p('2020-W53')), periodEnd(p('2020-W53'))]).to.deep.equal([
      '2020-12-28',
      '2021-01-03',
    ]);
    expect(periodStart(p('2019-W01'))).to.equal('2018-12-31');
  });
});

describe('periods: pentads', () => {
  it('ends P6 on the last day of February in leap and common years', () => {
    expect([periodStart(p('2020-02-P6')), periodEnd(p('2020-02-P6'))]).to.deep.equal([
      '2020-02-26',
      '2020-02-29',
    ]);
    expect(periodEnd(p('2019-02-P6'))).to.equal('2019-02-28');
    expect(periodEnd(p('2000-02-P6'))).to.equal('2000-02-29');
    expect(periodEnd(p('1900-02-P6'))).to.equal('1900-02-28');
  });

  it('covers fixed five-day spans for P1..P5 and the rest of the month for P6', () => {
    expect([periodStart(p('2017-10-P1')), periodEnd(p('2017-10-P1'))]).to.deep.equal([
      '2017-10-01',
      '2017-10-05',
    ]);
    expect([periodStart(p('2017-10-P5')), periodEnd(p('2017-10-P5'))]).to.deep.equal([
      '2017-10-21',
      '2017-10-25',
    ]);
    expect(periodEnd(p('2017-10-P6'))).to.equal('2017-10-31');
    expect(formatPeriod(periodContaining('pentad', '2017-10-31'))).to.equal('2017-10-P6');
    expect(formatPeriod(periodContaining('pentad', '2017-10-10'))).to.equal('2017-10-P2');
  });
});

describe('periods: labels', () => {
  it('labels every kind in Chinese', () => {
    const labels = ['2017-W19', '2017-10-P1', '2017-05', '2017-Q2', '2017-H1', '2017-H2', '2017'].map((t) =>
      periodLabelZh(p(t)),
    );
    expect(labels).to.deep.equal([
      '2017年第19周',
      '2017年10月第1候',
      '2017年5月',
      '2017年第二季度',
      '2017年上半年',
      '2017年下半年',
      '2017年',
    ]);
    expect(['2017-Q1', '2017-Q3', '2017-Q4'].map((t) => periodLabelZh(p(t)))).to.deep.equal([
      '2017年第一季度',
      '2017年第三季度',
      '2017年第四季度',
    ]);
  });

  it('labels every kind in English, with the day span for pentads', () => {
    const labels = ['2017-W19', '2017-10-P1', '2017-02-P6', '2017-05', '2017-Q2', '2017-H1', '2017'].map(
      (t) => periodLabelEn(p(t)),
    );
    expect(labels).to.deep.equal([
      '2017 week 19',
      'Oct 2017, pentad 1 (1–5)',
      'Feb 2017, pentad 6 (26–28)',
      'May 2017',
      'Q2 2017',
      'H1 2017',
      '2017',
    ]);
  });
});

describe('periods: next, previous and ranges', () => {
  it('steps across year boundaries for every kind', () => {
    const pairs = [
      ['2020-W53', '2021-W01'],
      ['2021-W52', '2022-W01'],
      ['2017-12-P6', '2018-01-P1'],
      ['2017-01-P6', '2017-02-P1'],
      ['2017-12', '2018-01'],
      ['2017-Q4', '2018-Q1'],
      ['2017-H2', '2018-H1'],
      ['2017', '2018'],
    ];
    for (const [before, after] of pairs) {
      expect(formatPeriod(nextPeriod(p(before as string)))).to.equal(after);
      expect(formatPeriod(previousPeriod(p(after as string)))).to.equal(before);
    }
  });

  it('refuses to step outside the supported years', () => {
    expect(caught(() => nextPeriod(p('2999'))).code).to.equal('period_out_of_range');
    expect(caught(() => nextPeriod(p('2999-12-P6'))).code).to.equal('period_out_of_range');
    expect(caught(() => previousPeriod(p('1900-W01'))).code).to.equal('period_out_of_range');
    expect(caught(() => periodContaining('week', '2999-12-31')).code).to.equal('period_out_of_range');
  });

  it('lists an inclusive range of one kind', () => {
    expect(fmt(periodRange(p('2017-Q3'), p('2018-Q2')))).to.deep.equal([
      '2017-Q3',
      '2017-Q4',
      '2018-Q1',
      '2018-Q2',
    ]);
    expect(fmt(periodRange(p('2020-W52'), p('2021-W02')))).to.deep.equal([
      '2020-W52',
      '2020-W53',
      '2021-W01',
      '2021-W02',
    ]);
    expect(fmt(periodRange(p('2017-05'), p('2017-05')))).to.deep.equal(['2017-05']);
    expect(periodRange(p('1900-01-P1'), p('2999-12-P6'))).to.have.length(1100 * 72);
    // Found by the property test: weeks before 1970 once gave one period too many.
    expect(periodRange(p('1930-W01'), p('1930-W41'))).to.have.length(41);
    for (let w = 1; w <= 52; w++) {
      const from = p(`1930-W${String(w).padStart(2, '0')}`);
      expect(periodRange(from, p('1931-W10')).at(-1)).to.deep.equal(p('1931-W10'));
    }
  });

  it('returns an empty range when from is after to', () => {
    expect(periodRange(p('2018-Q1'), p('2017-Q4'))).to.deep.equal([]);
  });

  it('rejects ranges mixing kinds', () => {
    const err = caught(() => periodRange(p('2017-Q1'), p('2017-05')));
    expect(err.code).to.equal('period_kind_mismatch');
    expect(err.details).to.deep.equal({ from: '2017-Q1', to: '2017-05' });
  });

  it('rejects ranges longer than the cap', () => {
    const err = caught(() => periodRange(p('2017-01'), p('2017-12'), 11));
    expect(err.code).to.equal('period_range_too_large');
    expect(periodRange(p('2017-01'), p('2017-12'), 12)).to.have.length(12);
  });
});

describe('periods: comparing and containing', () => {
  it('orders mixed kinds by start date, then end date', () => {
    const sorted = ['2017', '2017-05', '2017-W19', '2017-Q2', '2017-01', '2017-H1', '2017-05-P1']
      .map(p)
      .sort(comparePeriods);
    expect(fmt(sorted)).to.deep.equal([
      '2017-01',
      '2017-H1',
      '2017',
      '2017-Q2',
      '2017-05-P1',
      '2017-05',
      '2017-W19',
    ]);
  });

  it('returns 0 only for the same period', () => {
    expect(comparePeriods(p('2017-Q2'), p('2017-q2'))).to.equal(0);
    expect(comparePeriods(p('2017-Q2'), p('2017-Q3'))).to.equal(-1);
    expect(comparePeriods(p('2018'), p('2017-12'))).to.equal(1);
  });

  it('finds the period of each kind containing a date', () => {
    const found = PERIOD_KINDS.map((kind) => formatPeriod(periodContaining(kind, '2017-05-14')));
    expect(found).to.deep.equal(['2017-W19', '2017-05-P3', '2017-05', '2017-Q2', '2017-H1', '2017']);
  });

  it('rejects impossible or malformed dates and unknown kinds', () => {
    for (const date of ['2017-02-30', '2017-13-01', '2017-5-1', '20170501', '']) {
      expect(caught(() => periodContaining('month', date)).code).to.equal('invalid_date');
    }
    expect(caught(() => periodContaining('day' as never, '2017-05-01')).code).to.equal('invalid_period_kind');
  });
});

describe('periods: ISO 8601 durations', () => {
  it('parses the supported designators', () => {
    const zero = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0 };
    expect(parseIsoDuration('P3D')).to.deep.equal({ ...zero, days: 3 });
    expect(parseIsoDuration('P1M')).to.deep.equal({ ...zero, months: 1 });
    expect(parseIsoDuration('P2W')).to.deep.equal({ ...zero, weeks: 2 });
    expect(parseIsoDuration('PT45M')).to.deep.equal({ ...zero, minutes: 45 });
    expect(parseIsoDuration('P0D')).to.deep.equal(zero);
    expect(parseIsoDuration('P1Y2M10DT2H30M')).to.deep.equal({
      years: 1,
      months: 2,
      weeks: 0,
      days: 10,
      hours: 2,
      minutes: 30,
    });
  });

  for (const text of [
    '',
    'P',
    'PT',
    'P1DT',
    '3D',
    'P1.5D',
    'PT30S',
    'P-1D',
    'p3d',
    'P3D ',
    'P1D2M',
    'P99999999999999999D',
  ]) {
    it(`rejects ${JSON.stringify(text)} with invalid_duration`, () => {
      expect(caught(() => parseIsoDuration(text)).code).to.equal('invalid_duration');
    });
  }
});

describe('periods: due dates in Asia/Shanghai', () => {
  it('counts the offset from the day after the period ends, at the local time', () => {
    expect(periodEnd(p('2017-W19'))).to.equal('2017-05-14');
    const due = dueDate(p('2017-W19'), { offset: 'P3D', time: '09:30' });
    expect(due.toISOString()).to.equal('2017-05-18T01:30:00.000Z');
    expect(shanghaiDate(due)).to.equal('2017-05-18');
  });

  it('adds months to the day after the period ends', () => {
    expect(dueDate(p('2017-01'), { offset: 'P1M', time: '00:00' }).toISOString()).to.equal(
      '2017-02-28T16:00:00.000Z',
    );
    expect(dueDate(p('2019'), { offset: 'P1Y', time: '08:00' }).toISOString()).to.equal(
      '2021-01-01T00:00:00.000Z',
    );
  });

  it('clamps month arithmetic to the end of a shorter month', () => {
    // 2022-W04 ends Sunday 30 January; the day after is 31 January.
    expect(dueDate(p('2022-W04'), { offset: 'P1M', time: '12:00' }).toISOString()).to.equal(
      '2022-02-28T04:00:00.000Z',
    );
  });

  it('adds the offset hours and minutes after setting the local time', () => {
    const due = dueDate(p('2017-05'), { offset: 'P1DT2H30M', time: '23:00' });
    expect(due.toISOString()).to.equal('2017-06-02T17:30:00.000Z');
    expect(shanghaiDate(due)).to.equal('2017-06-03');
  });

  it('rejects malformed due times and offsets', () => {
    for (const time of ['24:00', '9:30', '09:60', '0930', '', '09:30:00']) {
      expect(caught(() => dueDate(p('2017-05'), { offset: 'P1D', time })).code).to.equal('invalid_due_time');
    }
    expect(caught(() => dueDate(p('2017-05'), { offset: '3 days', time: '09:00' })).code).to.equal(
      'invalid_duration',
    );
    expect(caught(() => dueDate(p('2017-05'), { offset: 'P999999999999D', time: '09:00' })).code).to.equal(
      'invalid_duration',
    );
  });

  it('gives the Beijing calendar date of an instant', () => {
    expect(shanghaiDate(new Date('2017-05-17T15:59:59.999Z'))).to.equal('2017-05-17');
    expect(shanghaiDate(new Date('2017-05-17T16:00:00.000Z'))).to.equal('2017-05-18');
    expect(shanghaiDate(new Date('1969-12-31T16:00:00.000Z'))).to.equal('1970-01-01');
    expect(caught(() => shanghaiDate(new Date('nope'))).code).to.equal('invalid_instant');
  });
});

describe('when a period may be published', () => {
  it('is the first instant after the period, in Beijing time', () => {
    expect(releasableFrom(parsePeriod('2017-W19', 'week')).toISOString()).to.equal(
      '2017-05-14T16:00:00.000Z',
    );
    expect(releasableFrom(parsePeriod('2017-Q2', 'quarter')).toISOString()).to.equal(
      '2017-06-30T16:00:00.000Z',
    );
    expect(releasableFrom(parsePeriod('2017-10-P6', 'pentad')).toISOString()).to.equal(
      '2017-10-31T16:00:00.000Z',
    );
  });

  it('comes a lead time earlier for data published ahead, such as budgets', () => {
    expect(releasableFrom(parsePeriod('2027', 'year'), 'P1Y').toISOString()).to.equal(
      '2026-12-31T16:00:00.000Z',
    );
    expect(releasableFrom(parsePeriod('2027-03', 'month'), 'P3M').toISOString()).to.equal(
      '2026-12-31T16:00:00.000Z',
    );
    expect(releasableFrom(parsePeriod('2027-03', 'month'), 'P1DT2H').toISOString()).to.equal(
      '2027-03-30T14:00:00.000Z',
    );
  });
});
