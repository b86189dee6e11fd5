import { assertPeriod, type Period } from './period';
import { pentadDaySpan, pentadParts } from './pentad';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const monthName = (month: number): string => MONTHS_EN[month - 1] ?? String(month);

/**
 * Pentad labels spell out the day span because "pentad" is unfamiliar to most English
 * readers and the sixth one varies in length (3 to 6 days).
 */
export function periodLabelEn(p: Period): string {
  const { kind, year, index } = assertPeriod(p);
  switch (kind) {
    case 'week':
      return `${year} week ${index}`;
    case 'pentad': {
      const { month, pentad } = pentadParts(index);
      const { first, last } = pentadDaySpan(year, month, pentad);
      return `${monthName(month)} ${year}, pentad ${pentad} (${first}\u2013${last})`;
    }
    case 'month':
      return `${monthName(index)} ${year}`;
    case 'quarter':
      return `Q${index} ${year}`;
    case 'half':
      return `H${index} ${year}`;
    case 'year':
      return String(year);
  }
}
