import { FISCAL_ITEMS, noticeDataset } from '../../src/notice';
import { parsePeriod, periodRange } from '../../src/periods';
import { centsText, growthPercent, planReleases, sampleOf } from './common';
import { noise, rngFor } from './random';
import { CITIES, PROVINCE, REGIONS } from './regions';
import { fiscalInterpretation } from './fiscal-interpretation';
import type { SampleDataset } from './types';

const definition = noticeDataset('fiscal-revenue-expenditure');
const ID = definition.dataset.id;
/** Where the synthetic history starts; the definition itself tracks from registration. */
const FIRST = '2017-01';
const LAST = '2026-10';

const ITEMS = FISCAL_ITEMS;
type Item = (typeof ITEMS)[number];
/** Items generated directly; general budget revenue is always tax + non-tax. */
type Flow = Exclude<Item, '一般公共预算收入'>;

interface FlowModel {
  /** Provincial annual totals (亿元) for 2017…2026. */
  annual: readonly number[];
  /** Share handled at the provincial level (省本级); the rest is split across the cities. */
  provincialShare: number;
  /** Relative size of each calendar month. */
  profile: readonly number[];
  volatility: number;
}

const REVENUE = [1867, 2292, 2347, 2297, 2835, 3453, 3479, 3192, 3260, 3330];
const TAX_SHARE = [0.66, 0.68, 0.69, 0.67, 0.72, 0.74, 0.7, 0.7, 0.71, 0.71];

const FLOWS: Readonly<Record<Flow, FlowModel>> = {
  税收收入: {
    annual: REVENUE.map((r, i) => r * (TAX_SHARE[i] ?? 0.7)),
    provincialShare: 0.36,
    profile: [1.35, 0.75, 0.95, 1.15, 1.05, 0.95, 1.05, 0.8, 0.9, 1.1, 0.95, 1],
    volatility: 0.05,
  },
  非税收入: {
    annual: REVENUE.map((r, i) => r * (1 - (TAX_SHARE[i] ?? 0.7))),
    provincialShare: 0.3,
    profile: [0.7, 0.6, 0.9, 0.9, 0.9, 1.1, 0.9, 0.9, 1, 0.9, 1.2, 2],
    volatility: 0.15,
  },
  一般公共预算支出: {
    annual: [3756, 4284, 4713, 5111, 5060, 5877, 6180, 6150, 6320, 6450],
    provincialShare: 0.25,
    profile: [0.75, 0.65, 1.05, 0.85, 0.9, 1.2, 0.8, 0.85, 1.1, 0.7, 0.95, 2.2],
    volatility: 0.06,
  },
  政府性基金预算收入: {
    annual: [620, 890, 1150, 1320, 1290, 1050, 900, 820, 800, 790],
    provincialShare: 0.15,
    profile: [0.6, 0.5, 0.8, 0.8, 0.9, 1.1, 0.9, 0.9, 1.1, 0.9, 1.2, 2.2],
    volatility: 0.12,
  },
  政府性基金预算支出: {
    annual: [790, 1080, 1470, 1900, 1720, 1480, 1350, 1300, 1320, 1300],
    provincialShare: 0.2,
    profile: [0.5, 0.5, 0.8, 0.8, 0.9, 1.2, 0.9, 0.9, 1.2, 0.9, 1.1, 2.5],
    volatility: 0.1,
  },
};
const FLOW_NAMES = Object.keys(FLOWS) as Flow[];

/** Tax receipts collapsed in February–March 2020 (COVID-19) and partly caught up later. */
function shock(flow: Flow, year: number, month: number): number {
  if (year !== 2020 || flow === '一般公共预算支出') return 1;
  return [1, 0.6, 0.75, 0.95, 1.05, 1.1][month - 1] ?? 1;
}

const CITY_WEIGHT_TOTAL = CITIES.reduce((s, c) => s + c.weight, 0);
const PROVINCIAL_LEVEL = 'provincial';

/** One month's amount in hundredths of 亿元 for a city or the provincial level. */
function monthlyCents(flow: Flow, entity: string, weight: number, year: number, month: number): number {
  const model = FLOWS[flow];
  const profileTotal = model.profile.reduce((s, p) => s + p, 0);
  const annual = model.annual[year - 2017] ?? 0;
  const share =
    entity === PROVINCIAL_LEVEL
      ? model.provincialShare
      : ((1 - model.provincialShare) * weight * (1 + 0.1 * noise(rngFor(ID, 'share', flow, entity)))) /
        CITY_WEIGHT_TOTAL;
  const rng = rngFor(ID, 'month', flow, entity, year, month);
  const amount =
    ((annual * share * (model.profile[month - 1] ?? 1)) / profileTotal) *
    shock(flow, year, month) *
    (1 + model.volatility * noise(rng));
  return Math.max(1, Math.round(amount * 100));
}

function* releases() {
  const months = periodRange(parsePeriod(FIRST, 'month'), parsePeriod(LAST, 'month'));
  const entities = [
    ...CITIES.map((c) => ({ id: c.code, weight: c.weight })),
    { id: PROVINCIAL_LEVEL, weight: 0 },
  ];
  let running = new Map<string, number>(); // region|item → year-to-date hundredths of 亿元
  const history = new Map<string, number>(); // year|month|region|item → year-to-date
  yield* planReleases(
    { datasetId: ID, dueRule: definition.dataset.dueRule, periods: months, cumulative: true },
    (m, text) => {
      if (m.index === 1) running = new Map();
      const amounts = new Map<string, number>(); // region|item → this month
      for (const flow of FLOW_NAMES) {
        let province = 0;
        for (const e of entities) {
          const cents = monthlyCents(flow, e.id, e.weight, m.year, m.index);
          province += cents;
          if (e.id !== PROVINCIAL_LEVEL) amounts.set(`${e.id}|${flow}`, cents);
        }
        amounts.set(`${PROVINCE.code}|${flow}`, province);
      }
      const rows: Record<string, string>[] = [];
      for (const region of REGIONS) {
        const tax = amounts.get(`${region.code}|税收收入`) ?? 0;
        const nonTax = amounts.get(`${region.code}|非税收入`) ?? 0;
        amounts.set(`${region.code}|一般公共预算收入`, tax + nonTax);
        for (const item of ITEMS) {
          const key = `${region.code}|${item}`;
          const amount = amounts.get(key) ?? 0;
          const cumulative = (running.get(key) ?? 0) + amount;
          running.set(key, cumulative);
          history.set(`${m.year}|${m.index}|${key}`, cumulative);
          rows.push({
            period: text,
            region: region.code,
            item,
            amount: centsText(amount),
            cumulative: centsText(cumulative),
            yoy_growth: growthPercent(cumulative, history.get(`${m.year - 1}|${m.index}|${key}`), 1),
          });
        }
      }
      return rows;
    },
  );
}

export const fiscalRevenueExpenditure: SampleDataset = {
  ...sampleOf(definition, releases, { firstPeriod: FIRST }),
  interpretation: (release) => fiscalInterpretation(release, PROVINCE.code),
};
