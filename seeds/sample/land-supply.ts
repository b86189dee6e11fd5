import { LAND_SUPPLY_USES, noticeDataset } from '../../src/notice';
import { parsePeriod, periodRange } from '../../src/periods';
import { centsText, planReleases, sampleOf, withModels } from './common';
import { noise, rngFor } from './random';
import { CITIES } from './regions';
import type { SampleDataset } from './types';

const definition = noticeDataset('land-supply');
const ID = definition.dataset.id;
/** Where the synthetic history starts; the definition itself tracks from registration. */
const FIRST = '2017-Q1';
const LAST = '2026-Q3';
/** Never published (early 2020), so timeliness reports have a missing quarter to show. */
const OMITTED = new Set(['2020-Q1']);

/** How much land of a use is sold and at what price; the uses are the notice's. */
interface LandUseModel {
  /** Parcels per quarter in a city the size of Taiyuan, mean parcel size (ha), land price (元/m²). */
  parcels: number;
  parcelArea: number;
  price: number;
  /** Relative volume by calendar year (2017 = index 0), e.g. the housing slowdown from 2022. */
  volume: readonly number[];
}

const MODELS: Readonly<Record<string, LandUseModel>> = {
  住宅用地: {
    parcels: 14,
    parcelArea: 3.2,
    price: 4200,
    volume: [1, 1.1, 1.2, 1.15, 1.1, 0.75, 0.6, 0.5, 0.5, 0.48],
  },
  商服用地: {
    parcels: 6,
    parcelArea: 1.6,
    price: 3300,
    volume: [1, 1.05, 1, 0.95, 0.9, 0.7, 0.6, 0.55, 0.5, 0.5],
  },
  工矿仓储用地: {
    parcels: 10,
    parcelArea: 5,
    price: 330,
    volume: [1, 1, 1.05, 1.1, 1.15, 1.2, 1.2, 1.15, 1.1, 1.1],
  },
  公共管理与公共服务用地: {
    parcels: 8,
    parcelArea: 2.5,
    price: 120,
    volume: [1, 1.05, 1.1, 1.1, 1.05, 1, 1, 0.95, 0.95, 0.9],
  },
  交通运输用地: {
    parcels: 5,
    parcelArea: 6,
    price: 60,
    volume: [1, 1.1, 1.1, 1.2, 1.1, 1.05, 1, 1, 0.95, 0.95],
  },
};

const LAND_USES = withModels(ID, LAND_SUPPLY_USES, MODELS);

/** Land is sold unevenly over the year: slow in Q1, a rush to meet annual plans in Q4. */
const QUARTER_FACTOR = [0.6, 0.95, 1, 1.45];

function* releases() {
  const quarters = periodRange(parsePeriod(FIRST, 'quarter'), parsePeriod(LAST, 'quarter'));
  yield* planReleases(
    { datasetId: ID, dueRule: definition.dataset.dueRule, periods: quarters, omit: OMITTED },
    (q, text) => {
      const rng = rngFor(ID, 'rows', text);
      const seasonal = QUARTER_FACTOR[q.index - 1] ?? 1;
      const years = q.year - 2017;
      return CITIES.flatMap((city) =>
        LAND_USES.map((use) => {
          const expected = use.parcels * city.weight ** 0.8 * seasonal * (use.volume[years] ?? 1);
          const parcels = Math.max(0, Math.round(expected * (1 + 0.4 * noise(rng))));
          const area =
            parcels === 0
              ? 0
              : Math.max(1, Math.round(parcels * use.parcelArea * (1 + 0.3 * noise(rng)) * 100));
          const price = use.price * city.weight ** 0.5 * 1.03 ** years * (1 + 0.15 * noise(rng));
          // hectares × 元/m² = 万元 (1 ha = 10,000 m²)
          const value = Math.round((area / 100) * price * 100);
          return {
            period: text,
            city: city.code,
            land_use: use.name,
            parcels: String(parcels),
            area: centsText(area),
            value: centsText(value),
          };
        }),
      );
    },
  );
}

export const landSupply: SampleDataset = sampleOf(definition, releases, { firstPeriod: FIRST });
