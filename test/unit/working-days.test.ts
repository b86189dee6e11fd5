import { expect } from 'chai';
import { addWorkingDays, formatDays, parseDateToDays, SCHEDULED_YEARS, workingDay } from '../../src/periods';
import { answerDeadline, clarificationWindowEnd } from '../../src/requests/deadline';

const d = (s: string) => parseDateToDays(s) as number;
const plus = (s: string, n: number) => {
  const r = addWorkingDays(d(s), n);
  return { on: formatDays(r.days), provisional: r.provisional };
};

describe('working days under the State Council holiday schedule (chinese-days data)', () => {
  it('knows the 2025 Spring Festival: holidays off, the 调休 Sunday and Saturday worked', () => {
    expect(workingDay(d('2025-01-26')).working, 'Sun 26 Jan, make-up working day').to.equal(true);
    expect(workingDay(d('2025-02-08')).working, 'Sat 8 Feb, make-up working day').to.equal(true);
    for (const day of ['2025-01-28', '2025-01-31', '2025-02-03', '2025-02-04']) {
      expect(workingDay(d(day)).working, day).to.equal(false);
    }
    expect(workingDay(d('2025-02-05')).working).to.equal(true);
    expect(workingDay(d('2025-02-09')).working, 'an ordinary Sunday').to.equal(false);
  });

  it('counts 20 working days from a request received on Friday 2025-01-24 to 2025-02-27', () => {
    // Day 1 is the 调休 Sunday 26 Jan, day 2 Mon 27 Jan, then the holiday to 4 Feb;
    // Sat 8 Feb is day 6. The day of receipt itself is not counted.
    expect(plus('2025-01-24', 1)).to.deep.equal({ on: '2025-01-26', provisional: false });
    expect(plus('2025-01-24', 3)).to.deep.equal({ on: '2025-02-05', provisional: false });
    expect(plus('2025-01-24', 6)).to.deep.equal({ on: '2025-02-08', provisional: false });
    expect(plus('2025-01-24', 20)).to.deep.equal({ on: '2025-02-27', provisional: false });
  });

  it('counts across National Day and Mid-Autumn 2025 (received on the 调休 Sunday 28 Sep)', () => {
    expect(plus('2025-09-28', 2).on).to.equal('2025-09-30');
    expect(plus('2025-09-28', 3).on, 'next working day after the 1–8 Oct holiday').to.equal('2025-10-09');
    expect(plus('2025-09-28', 5).on, 'the 调休 Saturday 11 Oct counts').to.equal('2025-10-11');
    expect(plus('2025-09-28', 20)).to.deep.equal({ on: '2025-10-31', provisional: false });
  });

  it('marks a count that runs into a year without a published schedule as provisional (Mon–Fri)', () => {
    const last = Math.max(...SCHEDULED_YEARS);
    const r = plus(`${last}-12-20`, 20);
    expect(r.provisional).to.equal(true);
    expect(r.on.startsWith(String(last + 1))).to.equal(true);
    // Mon–Fri only in the uncovered year: 1 January of it is then an ordinary weekday.
    const jan1 = d(`${last + 1}-01-01`);
    expect(workingDay(jan1).scheduled).to.equal(false);
  });
});

describe('the regulation’s time limits (arts. 30, 33)', () => {
  it('20 working days, extended once by up to 20 more counted from the original due date', () => {
    expect(answerDeadline('2025-01-24', null)).to.deep.equal({
      clockStartOn: '2025-01-24',
      baseDueOn: '2025-02-27',
      dueOn: '2025-02-27',
      extended: false,
      provisional: false,
    });
    const extended = answerDeadline('2025-01-24', 20);
    expect(extended.baseDueOn).to.equal('2025-02-27');
    expect(extended.dueOn).to.equal(plus('2025-02-27', 20).on);
    expect(extended.extended).to.equal(true);
  });

  it('allows a request for completion within 7 working days of receipt, holidays skipped', () => {
    // 29, 30 Sep, then 9, 10, 11 (Sat, worked), 13, 14 Oct.
    expect(clarificationWindowEnd('2025-09-28')).to.deep.equal({ on: '2025-10-14', provisional: false });
  });
});
