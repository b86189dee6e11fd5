import type { CodeEntry, CodeList } from './types';

/**
 * GB/T 2260 (中华人民共和国行政区划代码) for Shanxi: the province and its 11
 * prefecture-level cities (设区的市), in code order. Aliases are the short forms people
 * write (太原 for 太原市); `全省` is how the notice's tables name the whole province.
 */
const city = (code: string, zh: string, en: string): CodeEntry => ({
  code,
  name: { zh, en },
  aliases: [zh.replace(/市$/, ''), `${en} City`],
});

export const GB2260_PROVINCE: CodeEntry = {
  code: '140000',
  name: { zh: '山西省', en: 'Shanxi Province' },
  aliases: ['山西', '全省', 'Shanxi'],
};

export const GB2260_CITIES: readonly CodeEntry[] = [
  city('140100', '太原市', 'Taiyuan'),
  city('140200', '大同市', 'Datong'),
  city('140300', '阳泉市', 'Yangquan'),
  city('140400', '长治市', 'Changzhi'),
  city('140500', '晋城市', 'Jincheng'),
  city('140600', '朔州市', 'Shuozhou'),
  city('140700', '晋中市', 'Jinzhong'),
  city('140800', '运城市', 'Yuncheng'),
  city('140900', '忻州市', 'Xinzhou'),
  city('141000', '临汾市', 'Linfen'),
  { ...city('141100', '吕梁市', 'Lüliang'), aliases: ['吕梁', 'Lvliang', 'Luliang', 'Lüliang City'] },
];

export const GB2260: CodeList = {
  name: 'gb2260',
  title: {
    zh: '行政区划代码（GB/T 2260，山西省及设区的市）',
    en: 'Administrative division codes (GB/T 2260): Shanxi and its prefecture-level cities',
  },
  source: 'GB/T 2260',
  entries: [GB2260_PROVINCE, ...GB2260_CITIES],
};
