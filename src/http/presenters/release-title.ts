import type { LocalizedText } from '../../schemas';
import { parsePeriod, periodLabelEn, periodLabelZh } from '../../periods';

/** One release's name wherever it is listed as an item (feed entries, package resources). */
export function releaseTitle(datasetTitle: LocalizedText, period: string, revision: number): LocalizedText {
  const p = parsePeriod(period);
  return {
    zh: `${datasetTitle.zh} ${periodLabelZh(p)}（第 ${revision} 次修订）`,
    en: `${datasetTitle.en}, ${periodLabelEn(p)} (revision ${revision})`,
  };
}
