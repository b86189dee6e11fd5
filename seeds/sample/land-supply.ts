import type { DatasetInput } from '../../src/catalog/types';
import { parsePeriod, periodRange } from '../../src/periods';
import type { TableSchema } from '../../src/schemas/types';
import {
  centsText,
  cityField,
  LEGAL_BASIS,
  periodField,
  planReleases,
  SAMPLE_LICENCE,
  sampleDescription,
} from './common';
import { noise, rngFor } from './random';
import { CITIES } from './regions';
import type { SampleDataset } from './types';

const ID = 'land-supply';
const FIRST = '2017-Q1';
const LAST = '2026-Q3';
/** Never published (early 2020), so timeliness reports have a missing quarter to show. */
const OMITTED = new Set(['2020-Q1']);

interface LandUse {
  name: string;
  /** Parcels per quarter in a city the size of Taiyuan, mean parcel size (ha), land price (元/m²). */
  parcels: number;
  parcelArea: number;
  price: number;
  /** Relative volume by calendar year (2017 = index 0), e.g. the housing slowdown from 2022. */
  volume: readonly number[];
}

const LAND_USES: readonly LandUse[] = [
  {
    name: '住宅用地',
    parcels: 14,
    parcelArea: 3.2,
    price: 4200,
    volume: [1, 1.1, 1.2, 1.15, 1.1, 0.75, 0.6, 0.5, 0.5, 0.48],
  },
  {
    name: '商服用地',
    parcels: 6,
    parcelArea: 1.6,
    price: 3300,
    volume: [1, 1.05, 1, 0.95, 0.9, 0.7, 0.6, 0.55, 0.5, 0.5],
  },
  {
    name: '工矿仓储用地',
    parcels: 10,
    parcelArea: 5,
    price: 330,
    volume: [1, 1, 1.05, 1.1, 1.15, 1.2, 1.2, 1.15, 1.1, 1.1],
  },
  {
    name: '公共管理与公共服务用地',
    parcels: 8,
    parcelArea: 2.5,
    price: 120,
    volume: [1, 1.05, 1.1, 1.1, 1.05, 1, 1, 0.95, 0.95, 0.9],
  },
  {
    name: '交通运输用地',
    parcels: 5,
    parcelArea: 6,
    price: 60,
    volume: [1, 1.1, 1.1, 1.2, 1.1, 1.05, 1, 1, 0.95, 0.95],
  },
];

/** Land is sold unevenly over the year: slow in Q1, a rush to meet annual plans in Q4. */
const QUARTER_FACTOR = [0.6, 0.95, 1, 1.45];

const dataset: DatasetInput = {
  id: ID,
  title: { zh: '房地产用地供应', en: 'Real-estate land supply' },
  description: sampleDescription(
    '按季度公布的各设区的市国有建设用地供应情况：按土地用途分列的供应宗数、面积（公顷）和成交价款（万元）。',
    'Quarterly supply of state-owned construction land in each city by land use: number of parcels, area (hectares) and transaction value (10,000 yuan).',
  ),
  agencies: ['sx-land', 'sx-housing'],
  legalBasis: LEGAL_BASIS,
  clause: '一(二)',
  cadence: 'quarterly',
  periodKind: 'quarter',
  dueRule: { offset: 'P20D', time: '09:00' },
  firstPeriod: FIRST,
  licence: SAMPLE_LICENCE,
  themes: ['国土资源', '房地产'],
  tags: ['土地供应', '房地产', '去库存', '示例数据'],
  disclosure: 'proactive',
  isSample: true,
  graphqlName: 'landSupply',
};

const schema: TableSchema = {
  fields: [
    periodField('quarter', { zh: '统计季度', en: 'Quarter' }),
    cityField(),
    {
      name: 'land_use',
      type: 'string',
      title: { zh: '土地用途', en: 'Land use' },
      constraints: { required: true, enum: LAND_USES.map((u) => u.name) },
      role: 'dimension',
    },
    {
      name: 'parcels',
      type: 'integer',
      title: { zh: '供应宗数', en: 'Parcels supplied' },
      unit: '宗',
      constraints: { required: true, minimum: 0 },
      role: 'measure',
    },
    {
      name: 'area',
      type: 'number',
      title: { zh: '供应面积', en: 'Area supplied' },
      unit: '公顷',
      constraints: { required: true, minimum: 0 },
      role: 'measure',
    },
    {
      name: 'value',
      type: 'number',
      title: { zh: '成交价款', en: 'Transaction value' },
      description: {
        zh: '划拨供应的土地价款较低或为零',
        en: 'Land allocated free of charge has little or no value',
      },
      unit: '万元',
      constraints: { required: true, minimum: 0 },
      role: 'measure',
    },
  ],
  primaryKey: ['period', 'city', 'land_use'],
  missingValues: [''],
};

function* releases() {
  const quarters = periodRange(parsePeriod(FIRST, 'quarter'), parsePeriod(LAST, 'quarter'));
  yield* planReleases(
    { datasetId: ID, dueRule: dataset.dueRule, periods: quarters, omit: OMITTED },
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

export const landSupply: SampleDataset = { dataset, schema, releases };
