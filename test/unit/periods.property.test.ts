import { expect } from 'chai';
import fc from 'fast-check';
import {
  PERIOD_KINDS,
  comparePeriods,
  dueDate,
  formatPeriod,
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodEnd,
  periodKindOf,
  periodRange,
  periodStart,
  previousPeriod,
  shanghaiDate,
  tryParsePeriod,
  type Period,
  type PeriodKind,
} from '../../src/periods';

// Oracles below use Date directly so the properties do not trust the code under test.
const DAY_MS = 86_400_000;
const pad2 = (n: number): string => String(n).padStart(2, '0');
const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / DAY_MS;
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const isoWeeksIn = (y: number): number => {
  const jan1 = new Date(Date.UTC(y, 0, 1)).getUTCDay();
  return jan1 === 4 || (jan1 === 3 && isLeap(y)) ? 53 : 52;
};
const isoWeekOf = (date: string): { year: number; week: number } => {
  const d = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (4 - (d.getUTCDay() || 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  return { year, week: Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1 };
};
const mod = (n: number, m: number): number => ((n % m) + m) % m;
const lexical = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const FIXED_COUNTS = { pentad: 72, month: 12, quarter: 4, half: 2, year: 1 } as const;
const countIn = (kind: PeriodKind, year: number): number =>
  kind === 'week' ? isoWeeksIn(year) : FIXED_COUNTS[kind];

const kindArb = fc.constantFrom(...PERIOD_KINDS);
const periodOf = (kind: PeriodKind, minYear = 1900, maxYear = 2999): fc.Arbitrary<Period> =>
  fc
    .integer({ min: minYear, max: maxYear })
    .chain((year) =>
      fc.integer({ min: 1, max: countIn(kind, year) }).map((index) => ({ kind, year, index })),
    );
const anyPeriod = kindArb.chain((kind) => periodOf(kind));
// Every period here has a successor within the supported years.
const periodWithNext = kindArb.chain((kind) => periodOf(kind, 1900, 2998));

const yearArb = fc.integer({ min: 1900, max: 2999 });
const canonicalText: Record<PeriodKind, fc.Arbitrary<string>> = {
  week: yearArb.chain((y) => fc.integer({ min: 1, max: isoWeeksIn(y) }).map((w) => `${y}-W${pad2(w)}`)),
  pentad: fc
    .tuple(yearArb, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }))
    .map(([y, m, p]) => `${y}-${pad2(m)}-P${p}`),
  month: fc.tuple(yearArb, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad2(m)}`),
  quarter: fc.tuple(yearArb, fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
  half: fc.tuple(yearArb, fc.integer({ min: 1, max: 2 })).map(([y, h]) => `${y}-H${h}`),
  year: yearArb.map(String),
};

describe('periods: properties', () => {
  for (const kind of PERIOD_KINDS) {
    it(`format(parse(text)) round-trips canonical ${kind} text`, () => {
      fc.assert(
        fc.property(canonicalText[kind], (text) => {
          const period = parsePeriod(text, kind);
          expect(formatPeriod(period)).to.equal(text);
          expect(periodKindOf(text)).to.equal(kind);
          expect(parsePeriod(text.toLowerCase())).to.deep.equal(period);
        }),
      );
    });
  }

  it('parse(format(p)) returns p', () => {
    fc.assert(
      fc.property(anyPeriod, (p) => {
        expect(parsePeriod(formatPeriod(p))).to.deep.equal(p);
      }),
    );
  });

  it('accepts W53 exactly in years with 53 ISO weeks', () => {
    fc.assert(
      fc.property(yearArb, (y) => {
        expect(tryParsePeriod(`${y}-W53`) !== null).to.equal(isoWeeksIn(y) === 53);
      }),
    );
  });

  it('orders periods of one kind as their canonical text sorts', () => {
    const pair = kindArb.chain((kind) => fc.tuple(periodOf(kind), periodOf(kind)));
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(comparePeriods(a, b)).to.equal(lexical(formatPeriod(a), formatPeriod(b)));
      }),
    );
  });

  it('orders any two periods antisymmetrically and by start date first', () => {
    fc.assert(
      fc.property(anyPeriod, anyPeriod, (a, b) => {
        expect(comparePeriods(a, b)).to.equal(-comparePeriods(b, a));
        const byStart = lexical(periodStart(a), periodStart(b));
        if (byStart !== 0) expect(comparePeriods(a, b)).to.equal(byStart);
        if (comparePeriods(a, b) === 0) expect(formatPeriod(a)).to.equal(formatPeriod(b));
      }),
    );
  });

  it('next(p) follows p and previous undoes it', () => {
    fc.assert(
      fc.property(periodWithNext, (p) => {
        const next = nextPeriod(p);
        expect(next.kind).to.equal(p.kind);
        expect(comparePeriods(next, p)).to.equal(1);
        expect(previousPeriod(next)).to.deep.equal(p);
      }),
    );
  });

  it('consecutive periods tile the calendar without gaps or overlaps', () => {
    fc.assert(
      fc.property(periodWithNext, (p) => {
        expect(periodStart(nextPeriod(p))).to.equal(addDays(periodEnd(p), 1));
      }),
    );
  });

  it('each day of a period is contained in that period', () => {
    const withDay = anyPeriod.chain((p) =>
      fc.integer({ min: 0, max: daysBetween(periodStart(p), periodEnd(p)) }).map((offset) => ({ p, offset })),
    );
    fc.assert(
      fc.property(withDay, ({ p, offset }) => {
        expect(periodContaining(p.kind, addDays(periodStart(p), offset))).to.deep.equal(p);
      }),
    );
  });

  it('weeks match an independent ISO 8601 week calculation', () => {
    const dateArb = fc
      .integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2999, 11, 28) / DAY_MS })
      .map((days) => new Date(days * DAY_MS).toISOString().slice(0, 10));
    fc.assert(
      fc.property(dateArb, (date) => {
        const { year, week } = isoWeekOf(date);
        expect(periodContaining('week', date)).to.deep.equal({ kind: 'week', year, index: week });
      }),
    );
  });

  it('ranges list consecutive periods from first to last', () => {
    const walk = fc.tuple(periodOf('week', 1900, 2900), fc.integer({ min: 0, max: 60 }), kindArb);
    fc.assert(
      fc.property(walk, ([week, steps, kind]) => {
        const from = periodContaining(kind, periodStart(week));
        let to = from;
        for (let i = 0; i < steps; i++) to = nextPeriod(to);
        const range = periodRange(from, to);
        expect(range).to.have.length(steps + 1);
        expect(range[0]).to.deep.equal(from);
        expect(range[steps]).to.deep.equal(to);
        range.slice(1).forEach((p, i) => expect(previousPeriod(p)).to.deep.equal(range[i]));
        expect(periodRange(to, from)).to.have.length(steps === 0 ? 1 : 0);
      }),
    );
  });

  it('day offsets land on the Beijing date that many days after the period ends', () => {
    const rule = fc.tuple(
      fc.integer({ min: 0, max: 400 }),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
    );
    fc.assert(
      fc.property(anyPeriod, rule, (p, [days, hh, mm]) => {
        const due = dueDate(p, { offset: `P${days}D`, time: `${pad2(hh)}:${pad2(mm)}` });
        expect(shanghaiDate(due)).to.equal(addDays(periodEnd(p), 1 + days));
        expect(mod(due.getTime(), DAY_MS)).to.equal(mod(((hh - 8) * 60 + mm) * 60_000, DAY_MS));
      }),
    );
  });
});
