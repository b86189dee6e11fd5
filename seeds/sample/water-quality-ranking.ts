import { FLAG_BEST, FLAG_WORST, FLAGGED_CITIES, noticeDataset } from '../../src/notice';
import { parsePeriod, periodRange } from '../../src/periods';
import { centsText, planReleases, sampleOf } from './common';
import { noise, rngFor } from './random';
import { CITIES } from './regions';
import type { SampleDataset } from './types';

const definition = noticeDataset('water-quality-ranking');
const ID = definition.dataset.id;
/** Where the synthetic history starts; the definition itself tracks from registration. */
const FIRST = '2017';
const LAST = '2025';

/** Starting CWQI by city: cities on the lower Fen River score worse (higher) than the mountain cities. */
const BASE_CWQI: Readonly<Record<string, number>> = {
  '140100': 7.4,
  '140200': 5.8,
  '140300': 5.3,
  '140400': 4.8,
  '140500': 4.2,
  '140600': 6.1,
  '140700': 7,
  '140800': 8.3,
  '140900': 5,
  '141000': 7.9,
  '141100': 6.8,
};

function* releases() {
  const years = periodRange(parsePeriod(FIRST, 'year'), parsePeriod(LAST, 'year'));
  yield* planReleases({ datasetId: ID, dueRule: definition.dataset.dueRule, periods: years }, (y, text) => {
    const rng = rngFor(ID, 'rows', text);
    const improvement = Math.max(0.6, 1 - 0.035 * (y.year - 2017));
    const scored = CITIES.map((city) => ({
      city: city.code,
      cents: Math.round((BASE_CWQI[city.code] ?? 6) * improvement * (1 + 0.08 * noise(rng)) * 100),
    })).sort((a, b) => a.cents - b.cents || (a.city < b.city ? -1 : 1));
    // Published indexes have two decimals; keep them strictly increasing so ranks are unambiguous.
    for (let i = 1; i < scored.length; i++) {
      const prev = scored[i - 1];
      const cur = scored[i];
      if (prev && cur && cur.cents <= prev.cents) cur.cents = prev.cents + 1;
    }
    return scored.map((s, i) => ({
      period: text,
      city: s.city,
      rank: String(i + 1),
      index: centsText(s.cents),
      flag: i < FLAGGED_CITIES ? FLAG_BEST : i >= scored.length - FLAGGED_CITIES ? FLAG_WORST : '',
    }));
  });
}

export const waterQualityRanking: SampleDataset = sampleOf(definition, releases, { firstPeriod: FIRST });
