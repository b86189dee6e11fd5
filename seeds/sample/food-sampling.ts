import type { DatasetInput } from '../../src/catalog/types';
import { parsePeriod, periodRange } from '../../src/periods';
import type { TableSchema } from '../../src/schemas/types';
import {
  cityField,
  fixed,
  LEGAL_BASIS,
  periodField,
  planReleases,
  SAMPLE_LICENCE,
  sampleDescription,
} from './common';
import { intBetween, pick, pickWeighted, rngFor, uniform, type Rng } from './random';
import { CITIES, cityShortName } from './regions';
import type { SampleDataset } from './types';

const ID = 'food-sampling';
const FIRST = '2017-01';
const LAST = '2026-10';
/** No batch was published for February 2020. */
const OMITTED = new Set(['2020-02']);
const FAIL_RATE = 0.04;

export const RESULT_PASS = '合格';
export const RESULT_FAIL = '不合格';

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

interface Category {
  name: string;
  weight: number;
  products: readonly string[];
  /** Kind of business named in the synthetic producer names. */
  business: string;
  tests: readonly Test[];
}

const CATEGORIES: readonly Category[] = [
  {
    name: '粮食加工品',
    weight: 14,
    products: ['小麦粉', '大米', '挂面', '小米'],
    business: '粮油加工有限公司',
    tests: [
      { item: '镉（以Cd计）', limit: 0.2, unit: 'mg/kg', digits: 3, products: ['大米', '小米'] },
      { item: '脱氧雪腐镰刀菌烯醇', limit: 1000, unit: 'μg/kg', digits: 0, products: ['小麦粉', '挂面'] },
    ],
  },
  {
    name: '食用油、油脂及其制品',
    weight: 8,
    products: ['大豆油', '花生油', '菜籽油', '胡麻油'],
    business: '油脂有限公司',
    tests: [
      { item: '酸价（KOH）', limit: 3, unit: 'mg/g', digits: 2 },
      { item: '过氧化值', limit: 0.25, unit: 'g/100g', digits: 3 },
      { item: '苯并[a]芘', limit: 10, unit: 'μg/kg', digits: 1 },
    ],
  },
  {
    name: '肉制品',
    weight: 10,
    products: ['酱卤肉制品', '熏烧烤肉制品', '腌腊肉制品'],
    business: '肉类食品有限公司',
    tests: [
      { item: '菌落总数', limit: 100000, unit: 'CFU/g', digits: 0, products: ['酱卤肉制品', '熏烧烤肉制品'] },
      { item: '大肠菌群', limit: 1000, unit: 'CFU/g', digits: 0, products: ['酱卤肉制品', '熏烧烤肉制品'] },
      { item: '亚硝酸盐（以亚硝酸钠计）', limit: 30, unit: 'mg/kg', digits: 1 },
    ],
  },
  {
    name: '乳制品',
    weight: 7,
    products: ['巴氏杀菌乳', '灭菌乳', '发酵乳'],
    business: '乳业有限公司',
    tests: [
      { item: '蛋白质', limit: 2.9, unit: 'g/100g', digits: 2, min: true },
      { item: '菌落总数', limit: 100000, unit: 'CFU/g', digits: 0, products: ['巴氏杀菌乳'] },
      { item: '大肠菌群', limit: 100, unit: 'CFU/g', digits: 0, products: ['发酵乳'] },
    ],
  },
  {
    name: '蔬菜',
    weight: 18,
    products: ['芹菜', '韭菜', '豇豆', '菠菜', '大白菜'],
    business: '蔬菜种植专业合作社',
    tests: [
      { item: '农药残留（毒死蜱）', limit: 0.05, unit: 'mg/kg', digits: 3, products: ['芹菜'] },
      { item: '农药残留（腐霉利）', limit: 0.2, unit: 'mg/kg', digits: 3, products: ['韭菜'] },
      { item: '农药残留（克百威）', limit: 0.02, unit: 'mg/kg', digits: 3, products: ['豇豆'] },
      { item: '农药残留（氧乐果）', limit: 0.02, unit: 'mg/kg', digits: 3 },
      { item: '镉（以Cd计）', limit: 0.2, unit: 'mg/kg', digits: 3, products: ['菠菜', '大白菜', '芹菜'] },
    ],
  },
  {
    name: '水果',
    weight: 10,
    products: ['苹果', '梨', '葡萄', '桃'],
    business: '果业专业合作社',
    tests: [
      { item: '农药残留（氧乐果）', limit: 0.02, unit: 'mg/kg', digits: 3 },
      { item: '农药残留（克百威）', limit: 0.02, unit: 'mg/kg', digits: 3 },
    ],
  },
  {
    name: '饮料',
    weight: 8,
    products: ['包装饮用水', '果蔬汁类饮料', '茶饮料'],
    business: '饮品有限公司',
    tests: [
      { item: '铜绿假单胞菌', limit: 0, unit: 'CFU/250mL', digits: 0, products: ['包装饮用水'] },
      { item: '溴酸盐', limit: 0.01, unit: 'mg/L', digits: 4, products: ['包装饮用水'] },
      { item: '菌落总数', limit: 10000, unit: 'CFU/mL', digits: 0, products: ['果蔬汁类饮料', '茶饮料'] },
    ],
  },
  {
    name: '调味品',
    weight: 10,
    products: ['食醋', '酱油', '鸡精调味料'],
    business: '酿造有限公司',
    tests: [
      { item: '苯甲酸及其钠盐（以苯甲酸计）', limit: 1, unit: 'g/kg', digits: 3, products: ['食醋', '酱油'] },
      { item: '总酸（以乙酸计）', limit: 3.5, unit: 'g/100mL', digits: 2, min: true, products: ['食醋'] },
      { item: '氨基酸态氮', limit: 0.4, unit: 'g/100mL', digits: 2, min: true, products: ['酱油'] },
      { item: '谷氨酸钠', limit: 35, unit: 'g/100g', digits: 1, min: true, products: ['鸡精调味料'] },
    ],
  },
  {
    name: '蔬菜制品',
    weight: 6,
    products: ['黄花菜干', '酱腌菜'],
    business: '食品有限公司',
    tests: [
      { item: '二氧化硫残留量', limit: 0.2, unit: 'g/kg', digits: 3, products: ['黄花菜干'] },
      { item: '苯甲酸及其钠盐（以苯甲酸计）', limit: 1, unit: 'g/kg', digits: 3, products: ['酱腌菜'] },
      { item: '甜蜜素（以环己基氨基磺酸计）', limit: 1, unit: 'g/kg', digits: 3, products: ['酱腌菜'] },
    ],
  },
  {
    name: '酒类',
    weight: 5,
    products: ['白酒'],
    business: '酒业有限公司',
    tests: [
      { item: '甲醇', limit: 0.6, unit: 'g/L', digits: 3 },
      { item: '氰化物（以HCN计）', limit: 8, unit: 'mg/L', digits: 2 },
    ],
  },
];

const WEIGHTED = CATEGORIES.map((c) => [c, c.weight] as const);
const ALL_PRODUCTS = [...new Set(CATEGORIES.flatMap((c) => c.products))];
const ALL_UNITS = [...new Set(CATEGORIES.flatMap((c) => c.tests.map((t) => t.unit)))];
/** Synthetic producers per category and city, numbered so the names are obviously invented. */
const PRODUCERS_PER_CITY = 6;

const dataset: DatasetInput = {
  id: ID,
  title: { zh: '食品抽检结果', en: 'Food safety sampling results' },
  description: sampleDescription(
    '食品安全监督抽检结果，按月批次公布：每批40至80个样品，含食品类别、样品名称、标称生产企业（虚构）及所在地、检验结论，不合格样品列出不合格项目、检验值和标准值。',
    'Results of food safety sampling inspections, published in monthly batches of 40 to 80 samples: food category, product, labelled producer (fictitious) and its city, and the verdict; failing samples list the failing item with measured and standard values.',
  ),
  agencies: ['sx-food-drug'],
  legalBasis: LEGAL_BASIS,
  clause: '四(三)',
  cadence: 'irregular',
  periodKind: 'month',
  dueRule: { offset: 'P20D', time: '09:00' },
  firstPeriod: FIRST,
  licence: SAMPLE_LICENCE,
  themes: ['食品药品安全'],
  tags: ['食品安全', '抽检', '监督抽检', '示例数据'],
  disclosure: 'proactive',
  isSample: true,
  graphqlName: 'foodSamplingResults',
};

const schema: TableSchema = {
  fields: [
    periodField('month', { zh: '抽检批次（月）', en: 'Batch (month)' }),
    {
      name: 'sample_no',
      type: 'string',
      title: { zh: '抽样编号', en: 'Sample number' },
      description: { zh: 'SX + 年月 + 序号', en: "'SX', the batch's year and month, and a sequence number" },
      constraints: { required: true, pattern: '^SX\\d{6}-\\d{4}$' },
      role: 'dimension',
    },
    {
      name: 'food_category',
      type: 'string',
      title: { zh: '食品类别', en: 'Food category' },
      constraints: { required: true, enum: CATEGORIES.map((c) => c.name) },
      role: 'dimension',
    },
    {
      name: 'product',
      type: 'string',
      title: { zh: '样品名称', en: 'Product' },
      constraints: { required: true, enum: ALL_PRODUCTS },
      role: 'dimension',
    },
    {
      name: 'producer',
      type: 'string',
      title: { zh: '标称生产者', en: 'Labelled producer' },
      description: { zh: '虚构的企业名称（示例数据）', en: 'Fictitious business name (sample data)' },
      constraints: { required: true },
      role: 'attribute',
    },
    cityField('producer_place', { zh: '生产者所在地代码', en: 'Producer city code' }),
    {
      name: 'result',
      type: 'string',
      title: { zh: '检验结论', en: 'Result' },
      constraints: { required: true, enum: [RESULT_PASS, RESULT_FAIL] },
      role: 'dimension',
    },
    {
      name: 'failing_item',
      type: 'string',
      title: { zh: '不合格项目', en: 'Failing item' },
      description: { zh: '合格样品为空', en: 'Empty for samples that passed' },
      role: 'attribute',
    },
    {
      name: 'measured_value',
      type: 'number',
      title: { zh: '检验结果', en: 'Measured value' },
      description: { zh: '合格样品为空', en: 'Empty for samples that passed' },
      constraints: { minimum: 0 },
      role: 'attribute',
    },
    {
      name: 'standard_value',
      type: 'number',
      title: { zh: '标准值', en: 'Standard value' },
      description: {
        zh: '标准规定的限量（污染物等为最大值，蛋白质、总酸等质量指标为最小值；0 表示不得检出）；合格样品为空',
        en: 'Limit in the applicable standard (a maximum for contaminants, a minimum for quality indicators such as protein; 0 means must not be detected); empty for samples that passed',
      },
      constraints: { minimum: 0 },
      role: 'attribute',
    },
    {
      name: 'measure_unit',
      type: 'string',
      title: { zh: '计量单位', en: 'Unit of measurement' },
      description: {
        zh: '检验结果和标准值的单位；合格样品为空',
        en: 'Unit of both values; empty for samples that passed',
      },
      constraints: { enum: ALL_UNITS },
      role: 'attribute',
    },
  ],
  primaryKey: ['period', 'sample_no'],
  missingValues: [''],
};

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
    { datasetId: ID, dueRule: dataset.dueRule, periods: months, omit: OMITTED },
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

export const foodSampling: SampleDataset = { dataset, schema, releases };
