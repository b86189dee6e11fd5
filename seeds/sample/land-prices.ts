import { LAND_PRICE_USES, noticeDataset } from '../../src/notice';
import { parsePeriod, periodRange } from '../../src/periods';
import { growthPercent, planReleases, sampleOf, withModels } from './common';
import { noise, rngFor } from './random';
import { CITIES } from './regions';
import type { SampleDataset } from './types';

const definition = noticeDataset('land-prices');
const ID = definition.dataset.id;
/** Where the synthetic history starts; the definition itself tracks from registration. */
const FIRST = '2017-Q1';
const LAST = '2026-Q3';

/** Price level and drift of a land use; the uses are the notice's. */
interface UseModel {
  /** Taiyuan's average land price in 2017-Q1 (元/m²). */
  base: number;
  /** Quarter-on-quarter drift by calendar year (2017 = index 0). */
  drift: readonly number[];
}

const MODELS: Readonly<Record<string, UseModel>> = {
  住宅: {
    base: 5200,
    drift: [0.015, 0.016, 0.012, 0.005, 0.008, -0.004, -0.006, -0.006, -0.002, -0.001],
  },
  商服: { base: 6800, drift: [0.008, 0.008, 0.006, 0, 0, -0.008, -0.009, -0.009, -0.004, -0.003] },
  工业: { base: 560, drift: [0.006, 0.006, 0.006, 0.006, 0.006, 0.005, 0.005, 0.003, 0.003, 0.003] },
};

const USES = withModels(ID, LAND_PRICE_USES, MODELS);

function* releases() {
  const quarters = periodRange(parsePeriod(FIRST, 'quarter'), parsePeriod(LAST, 'quarter'));
  const previous = new Map<string, number>();
  // Growth builds on the previous quarter, so no quarter is skipped (cumulative plan).
  yield* planReleases(
    { datasetId: ID, dueRule: definition.dataset.dueRule, periods: quarters, cumulative: true },
    (q, text) => {
      const rng = rngFor(ID, 'rows', text);
      return CITIES.flatMap((city) =>
        USES.map((use) => {
          const key = `${city.code}|${use.name}`;
          const start = use.base * (0.25 + 0.75 * city.weight) * (1 + 0.05 * noise(rngFor(ID, 'level', key)));
          const last = previous.get(key);
          const drift = use.drift[q.year - 2017] ?? 0;
          const price = Math.round(last === undefined ? start : last * (1 + drift + 0.006 * noise(rng)));
          previous.set(key, price);
          return {
            period: text,
            city: city.code,
            land_use: use.name,
            avg_price: String(price),
            growth_rate: growthPercent(price, last, 2),
          };
        }),
      );
    },
  );
}

export const landPrices: SampleDataset = sampleOf(definition, releases, { firstPeriod: FIRST });
