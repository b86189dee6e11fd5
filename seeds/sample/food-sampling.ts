import { FOOD_CATEGORIES, noticeDataset, RESULT_FAIL, RESULT_PASS } from '../../src/notice';
import { parsePeriod, periodRange } from '../../src/periods';
import { fixed, planReleases, sampleOf } from './common';
import { intBetween, pick, pickWeighted, rngFor, uniform, type Rng } from './random';
import { CITIES, cityShortName } from './regions';
import type { SampleDataset } from './types';

const definition = noticeDataset('food-sampling');
const ID = definition.dataset.id;
/** Where the synthetic history starts; the definition itself tracks from registration. */
const FIRST = '2017-01';
const LAST = '2026-10';
/** No batch was published for February 2020. */
const OMITTED = new Set(['2020-02']);
const FAIL_RATE = 0.04;

interface Test {
  item: string;
  /** Limit in the standard: a maximum for contaminants, a minimum (`min`) for quality indicators. */
  limit: number;
  unit: string;
  digits: number;
  min?: boolean;
  /** Products the test applies to; all products of the category when absent. */
  products?: readonly string[];
}

/** How often a category is sampled and how its samples fail; categories and products are the notice's. */
interface CategoryModel {
  weight: number;
  /** Kind of business named in the synthetic producer names. */
  business: string;
  tests: readonly Test[];
}

const MODELS: Readonly<Record<string, CategoryModel>> = {
  粮食加工品: {
    weight: 14,
    business: '粮油加工有限公司',
    tests: [
      { item: '镉（以Cd计）', limit: 0.2, unit: 'mg/kg', digits: 3, products: ['大米', '小米'] },
      { item: '脱氧雪腐镰刀菌烯醇', limit: 1000, unit: 'μg/kg', digits: 0, products: ['小麦粉', '挂面'] },
    ],
  },
  '食用油、油脂及其制品': {
    weight: 8,
    business: '油脂有限公司',
    tests: [
      { item: '酸价（KOH）', limit: 3, unit: 'mg/g', digits: 2 },
      { item: '过氧化值', limit: 0.25, unit: 'g/100g', digits: 3 },
      { item: '苯并[a]芘', limit: 10, unit: 'μg/kg', digits: 1 },
    ],
  },
  肉制品: {
    weight: 10,
    business: '肉类食品有限公司',
    tests: [
      { item: '菌落总数', limit: 100000, unit: 'CFU/g', digits: 0, products: ['酱卤肉制品', '熏烧烤肉制品'] },
      { item: '大肠菌群', limit: 1000, unit: 'CFU/g', digits: 0, products: ['酱卤肉制品', '熏烧烤肉制品'] },
      { item: '亚硝酸盐（以亚硝酸钠计）', limit: 30, unit: 'mg/kg', digits: 1 },
    ],
  },
  乳制品: {
    weight: 7,
    business: '乳业有限公司',
    tests: [
      { item: '蛋白质', limit: 2.9, unit: 'g/100g', digits: 2, min: true },
      { item: '菌落总数', limit: 100000, unit: 'CFU/g', digits: 0, products: ['巴氏杀菌乳'] },
      { item: '大肠菌群', limit: 100, unit: 'CFU/g', digits: 0, products: ['发酵乳'] },
    ],
  },
  蔬菜: {
    weight: 18,
    business: '蔬菜种植专业合作社',
    tests: [
      { item: '农药残留（毒死蜱）', limit: 0.05, unit: 'mg/kg', digits: 3, products: ['芹菜'] },
      { item: '农药残留（腐霉利）', limit: 0.2, unit: 'mg/kg', digits: 3, products: ['韭菜'] },
      { item: '农药残留（克百威）', limit: 0.02, unit: 'mg/kg', digits: 3, products: ['豇豆'] },
      { item: '农药残留（氧乐果）', limit: 0.02, unit: 'mg/kg', digits: 3 },
      { item: '镉（以Cd计）', limit: 0.2, unit: 'mg/kg', digits: 3, products: ['菠菜', '大白菜', '芹菜'] },
    ],
  },
  水果: {
    weight: 10,
    business: '果业专业合作社',
    tests: [
      { item: '农药残留（氧乐果）', limit: 0.02, unit: 'mg/kg', digits: 3 },
      { item: '农药残留（克百威）', limit: 0.02, unit: 'mg/kg', digits: 3 },
    ],
  },
  饮料: {
    weight: 8,
    business: '饮品有限公司',
    tests: [
      { item: '铜绿假单胞菌', limit: 0, unit: 'CFU/250mL', digits: 0, products: ['包装饮用水'] },
      { item: '溴酸盐', limit: 0.01, unit: 'mg/L', digits: 4, products: ['包装饮用水'] },
      { item: '菌落总数', limit: 10000, unit: 'CFU/mL', digits: 0, products: ['果蔬汁类饮料', '茶饮料'] },
    ],
  },
  调味品: {
    weight: 10,
    business: '酿造有限公司',
    tests: [
      { item: '苯甲酸及其钠盐（以苯甲酸计）', limit: 1, unit: 'g/kg', digits: 3, products: ['食醋', '酱油'] },
      { item: '总酸（以乙酸计）', limit: 3.5, unit: 'g/100mL', digits: 2, min: true, products: ['食醋'] },
      { item: '氨基酸态氮', limit: 0.4, unit: 'g/100mL', digits: 2, min: true, products: ['酱油'] },
      { item: '谷氨酸钠', limit: 35, unit: 'g/100g', digits: 1, min: true, products: ['鸡精调味料'] },
    ],
  },
  蔬菜制品: {
    weight: 6,
    business: '食品有限公司',
    tests: [
      { item: '二氧化硫残留量', limit: 0.2, unit: 'g/kg', digits: 3, products: ['黄花菜干'] },
      { item: '苯甲酸及其钠盐（以苯甲酸计）', limit: 1, unit: 'g/kg', digits: 3, products: ['酱腌菜'] },
      { item: '甜蜜素（以环己基氨基磺酸计）', limit: 1, unit: 'g/kg', digits: 3, products: ['酱腌菜'] },
    ],
  },
  酒类: {
    weight: 5,
    business: '酒业有限公司',
    tests: [
      { item: '甲醇', limit: 0.6, unit: 'g/L', digits: 3 },
      { item: '氰化物（以HCN计）', limit: 8, unit: 'mg/L', digits: 2 },
    ],
  },
};

type Category = CategoryModel & { name: string; products: readonly string[] };

const CATEGORIES: readonly Category[] = FOOD_CATEGORIES.map((c) => {
  const model = MODELS[c.name];
  if (!model) throw new Error(`${ID}: no sample model for ${c.name}`);
  return { ...c, ...model };
});

const WEIGHTED = CATEGORIES.map((c) => [c, c.weight] as const);
/** Synthetic producers per category and city, numbered so the names are obviously invented. */
const PRODUCERS_PER_CITY = 6;

const LETTERS = '甲乙丙丁戊己庚辛壬癸';

function producerName(category: Category, cityIndex: number, n: number): string {
  const city = CITIES[cityIndex];
  return `${city ? cityShortName(city) : '山西'}某某${category.business}（虚构${LETTERS[n] ?? n}）`;
}

function failure(rng: Rng, category: Category, product: string) {
  const tests = category.tests.filter((t) => !t.products || t.products.includes(product));
  const test = pick(rng, tests.length > 0 ? tests : category.tests);
  let measured: number;
  if (test.limit === 0) measured = intBetween(rng, 2, 60);
  else if (test.min) measured = test.limit * uniform(rng, 0.6, 0.95);
  else if (test.unit.startsWith('CFU')) measured = test.limit * uniform(rng, 1.5, 30);
  else measured = test.limit * uniform(rng, 1.2, 6);
  return {
    failing_item: test.item,
    measured_value: fixed(measured, test.digits),
    standard_value: fixed(test.limit, test.digits),
    measure_unit: test.unit,
  };
}

const PASSED = { failing_item: '', measured_value: '', standard_value: '', measure_unit: '' };

function* releases() {
  const months = periodRange(parsePeriod(FIRST, 'month'), parsePeriod(LAST, 'month'));
  yield* planReleases(
    { datasetId: ID, dueRule: definition.dataset.dueRule, periods: months, omit: OMITTED },
    (_month, text) => {
      const rng = rngFor(ID, 'rows', text);
      const count = intBetween(rng, 40, 80);
      const prefix = `SX${text.replace('-', '')}-`;
      return Array.from({ length: count }, (_, i) => {
        const category = pickWeighted(rng, WEIGHTED);
        const product = pick(rng, category.products);
        const cityIndex = intBetween(rng, 0, CITIES.length - 1);
        const failed = rng() < FAIL_RATE;
        return {
          period: text,
          sample_no: `${prefix}${String(i + 1).padStart(4, '0')}`,
          food_category: category.name,
          product,
          producer: producerName(category, cityIndex, intBetween(rng, 0, PRODUCERS_PER_CITY - 1)),
          producer_place: CITIES[cityIndex]?.code ?? '',
          result: failed ? RESULT_FAIL : RESULT_PASS,
          ...(failed ? failure(rng, category, product) : PASSED),
        };
      });
    },
  );
}

export const foodSampling: SampleDataset = sampleOf(definition, releases, { firstPeriod: FIRST });
