import { amountField, cityField, enumField, periodField } from '../fields';
import { CITIES } from '../regions';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 三(五) 每周发布农产品批发市场价格信息. */

export const AGRI_CATEGORIES = ['畜禽产品', '蔬菜', '水果', '粮油'] as const;
export type AgriCategory = (typeof AGRI_CATEGORIES)[number];

/** The 18 monitored products, each in one category. */
export const AGRI_PRODUCTS: readonly { name: string; category: AgriCategory }[] = [
  { name: '猪肉', category: '畜禽产品' },
  { name: '牛肉', category: '畜禽产品' },
  { name: '羊肉', category: '畜禽产品' },
  { name: '鸡蛋', category: '畜禽产品' },
  { name: '白条鸡', category: '畜禽产品' },
  { name: '大白菜', category: '蔬菜' },
  { name: '土豆', category: '蔬菜' },
  { name: '西红柿', category: '蔬菜' },
  { name: '黄瓜', category: '蔬菜' },
  { name: '青椒', category: '蔬菜' },
  { name: '芹菜', category: '蔬菜' },
  { name: '白萝卜', category: '蔬菜' },
  { name: '苹果', category: '水果' },
  { name: '梨', category: '水果' },
  { name: '小麦粉', category: '粮油' },
  { name: '大米', category: '粮油' },
  { name: '玉米', category: '粮油' },
  { name: '小米', category: '粮油' },
];

/** Districts of the two monitored wholesale markets in each city, in city order. */
const MARKET_DISTRICTS: readonly (readonly [string, string])[] = [
  ['河西', '城南'],
  ['御东', '南郊'],
  ['城区', '郊区'],
  ['潞州', '城北'],
  ['泽州', '城东'],
  ['朔城', '开发区'],
  ['榆次', '太谷'],
  ['盐湖', '城东'],
  ['忻府', '城南'],
  ['尧都', '城西'],
  ['离石', '城东'],
];

export interface AgriMarket {
  city: string;
  district: string;
  name: string;
}

/** The monitored markets: two per city, named after city and district. */
export const AGRI_MARKETS: readonly AgriMarket[] = CITIES.flatMap((city, c) =>
  (MARKET_DISTRICTS[c] ?? ['城东', '城西']).map((district) => ({
    city: city.code,
    district,
    name: `${city.name.zh}${district}农产品批发市场`,
  })),
);

const price = (name: string, zh: string, en: string) =>
  amountField(name, [zh, en], '元/公斤', { required: true });

export const agriPrices: NoticeDataset = {
  dataset: {
    id: 'agri-prices',
    title: { zh: '农产品批发市场价格', en: 'Wholesale prices of agricultural products' },
    description: {
      zh: '全省11个设区的市各2个农产品批发市场18种主要农产品的周平均、最低和最高批发价格（元/公斤）。',
      en: 'Weekly average, lowest and highest wholesale prices (yuan/kg) of 18 staple agricultural products at two wholesale markets in each of the 11 cities of Shanxi.',
    },
    agencies: ['sx-agriculture'],
    legalBasis: LEGAL_BASIS,
    clause: '三(五)',
    cadence: 'weekly',
    periodKind: 'week',
    dueRule: { offset: 'P2D', time: '09:30' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['农业', '价格'],
    tags: ['农产品', '价格', '批发市场'],
    disclosure: 'proactive',
    graphqlName: 'agriculturalPrices',
  },
  schema: {
    fields: [
      periodField('week', { zh: '统计周', en: 'Week' }),
      cityField(),
      enumField(
        'market',
        ['批发市场', 'Wholesale market'],
        AGRI_MARKETS.map((m) => m.name),
      ),
      enumField(
        'product',
        ['品种', 'Product'],
        AGRI_PRODUCTS.map((p) => p.name),
      ),
      enumField('category', ['类别', 'Category'], AGRI_CATEGORIES, { role: 'attribute' }),
      price('avg_price', '平均价格', 'Average price'),
      price('min_price', '最低价格', 'Lowest price'),
      price('max_price', '最高价格', 'Highest price'),
    ],
    primaryKey: ['period', 'city', 'market', 'product'],
    missingValues: [''],
  },
};
