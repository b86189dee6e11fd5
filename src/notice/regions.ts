import { GB2260_CITIES, GB2260_PROVINCE } from '../codelists';
import type { LocalizedText } from '../schemas';

/** A GB/T 2260 administrative division of Shanxi. */
export interface Division {
  code: string;
  name: LocalizedText;
}

/** As the notice's tables name it (全省); the code list carries the official 山西省. */
export const PROVINCE: Division = { code: GB2260_PROVINCE.code, name: { zh: '全省', en: 'Shanxi Province' } };

/** The 11 prefecture-level cities (设区的市), in code order, from the GB/T 2260 code list. */
export const CITIES: readonly Division[] = GB2260_CITIES.map((c) => ({ code: c.code, name: { ...c.name } }));

/** The province followed by its cities, as statistical tables list them. */
export const REGIONS: readonly Division[] = [PROVINCE, ...CITIES];

export const CITY_CODES: readonly string[] = CITIES.map((c) => c.code);
export const REGION_CODES: readonly string[] = REGIONS.map((r) => r.code);
