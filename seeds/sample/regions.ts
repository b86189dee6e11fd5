import type { LocalizedText } from '../../src/schemas/types';

/** GB/T 2260 administrative division codes for Shanxi and its 11 prefecture-level cities. */
export interface Region {
  code: string;
  name: LocalizedText;
  /** Relative size of the local economy (Taiyuan = 1); drives the scale of synthetic values. */
  weight: number;
}

export const PROVINCE: Region = { code: '140000', name: { zh: '全省', en: 'Shanxi Province' }, weight: 4.6 };

export const CITIES: readonly Region[] = [
  { code: '140100', name: { zh: '太原市', en: 'Taiyuan' }, weight: 1 },
  { code: '140200', name: { zh: '大同市', en: 'Datong' }, weight: 0.36 },
  { code: '140300', name: { zh: '阳泉市', en: 'Yangquan' }, weight: 0.2 },
  { code: '140400', name: { zh: '长治市', en: 'Changzhi' }, weight: 0.45 },
  { code: '140500', name: { zh: '晋城市', en: 'Jincheng' }, weight: 0.36 },
  { code: '140600', name: { zh: '朔州市', en: 'Shuozhou' }, weight: 0.3 },
  { code: '140700', name: { zh: '晋中市', en: 'Jinzhong' }, weight: 0.37 },
  { code: '140800', name: { zh: '运城市', en: 'Yuncheng' }, weight: 0.4 },
  { code: '140900', name: { zh: '忻州市', en: 'Xinzhou' }, weight: 0.27 },
  { code: '141000', name: { zh: '临汾市', en: 'Linfen' }, weight: 0.39 },
  { code: '141100', name: { zh: '吕梁市', en: 'Lüliang' }, weight: 0.35 },
];

/** The province followed by its cities, as fiscal tables list them. */
export const REGIONS: readonly Region[] = [PROVINCE, ...CITIES];

export const CITY_CODES: readonly string[] = CITIES.map((c) => c.code);
export const REGION_CODES: readonly string[] = REGIONS.map((r) => r.code);

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
