import { CITIES as NOTICE_CITIES, PROVINCE as NOTICE_PROVINCE, type Division } from '../../src/notice';

/** A division of Shanxi (codes and names from src/notice) with the size of its economy. */
export interface Region extends Division {
  /** Relative size of the local economy (Taiyuan = 1); drives the scale of synthetic values. */
  weight: number;
}

const WEIGHTS: Readonly<Record<string, number>> = {
  '140000': 4.6,
  '140100': 1,
  '140200': 0.36,
  '140300': 0.2,
  '140400': 0.45,
  '140500': 0.36,
  '140600': 0.3,
  '140700': 0.37,
  '140800': 0.4,
  '140900': 0.27,
  '141000': 0.39,
  '141100': 0.35,
};

const withWeight = (d: Division): Region => {
  const weight = WEIGHTS[d.code];
  if (weight === undefined) throw new RangeError(`No sample weight for region ${d.code}`);
  return { ...d, weight };
};

export const PROVINCE: Region = withWeight(NOTICE_PROVINCE);
export const CITIES: readonly Region[] = NOTICE_CITIES.map(withWeight);

/** The province followed by its cities, as fiscal tables list them. */
export const REGIONS: readonly Region[] = [PROVINCE, ...CITIES];

export const CITY_CODES: readonly string[] = CITIES.map((c) => c.code);

const BY_CODE: ReadonlyMap<string, Region> = new Map(REGIONS.map((r) => [r.code, r]));

export function regionByCode(code: string): Region {
  const region = BY_CODE.get(code);
  if (!region) throw new RangeError(`Unknown region code ${code}`);
  return region;
}

/** City name without the 市 suffix, e.g. 太原 for 140100. */
export function cityShortName(city: Region): string {
  return city.name.zh.replace(/市$/, '');
}
