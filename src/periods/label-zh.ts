import { assertPeriod, type Period } from './period';
import { pentadParts } from './pentad';

const QUARTER_NUMERALS = '一二三四';

/**
 * Pentads are labelled `2017年10月第1候`, numbered within the month (1..6) exactly as in
 * the canonical text `2017-10-P1`. The 旬 form (`2017年10月上旬第1候`) was rejected: it is
 * redundant, and readers cannot tell whether the 候 number counts within the month or the 旬.
 */
export function periodLabelZh(p: Period): string {
  const { kind, year, index } = assertPeriod(p);
  switch (kind) {
    case 'week':
      return `${year}年第${index}周`;
    case 'pentad': {
      const { month, pentad } = pentadParts(index);
      return `${year}年${month}月第${pentad}候`;
    }
    case 'month':
      return `${year}年${index}月`;
    case 'quarter':
      return `${year}年第${QUARTER_NUMERALS.charAt(index - 1)}季度`;
    case 'half':
      return `${year}年${index === 1 ? '上' : '下'}半年`;
    case 'year':
      return `${year}年`;
  }
}
