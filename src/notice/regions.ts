import type { LocalizedText } from '../schemas';

/** A GB/T 2260 administrative division of Shanxi. */
export interface Division {
  code: string;
  name: LocalizedText;
}

export const PROVINCE: Division = { code: '140000', name: { zh: '全省', en: 'Shanxi Province' } };

/** The 11 prefecture-level cities (设区的市), in code order. */
export const CITIES: readonly Division[] = [
  { code: '140100', name: { zh: '太原市', en: 'Taiyuan' } },
  { code: '140200', name: { zh: '大同市', en: 'Datong' } },
  { code: '140300', name: { zh: '阳泉市', en: 'Yangquan' } },
  { code: '140400', name: { zh: '长治市', en: 'Changzhi' } },
  { code: '140500', name: { zh: '晋城市', en: 'Jincheng' } },
  { code: '140600', name: { zh: '朔州市', en: 'Shuozhou' } },
  { code: '140700', name: { zh: '晋中市', en: 'Jinzhong' } },
  { code: '140800', name: { zh: '运城市', en: 'Yuncheng' } },
  { code: '140900', name: { zh: '忻州市', en: 'Xinzhou' } },
  { code: '141000', name: { zh: '临汾市', en: 'Linfen' } },
  { code: '141100', name: { zh: '吕梁市', en: 'Lüliang' } },
];

/** The province followed by its cities, as statistical tables list them. */
export const REGIONS: readonly Division[] = [PROVINCE, ...CITIES];

export const CITY_CODES: readonly string[] = CITIES.map((c) => c.code);
export const REGION_CODES: readonly string[] = REGIONS.map((r) => r.code);
