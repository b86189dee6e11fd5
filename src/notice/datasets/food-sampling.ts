import { cityField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 四(三) 定期公布食品抽检总体情况、发现的主要问题和核查处置情况. */

export const RESULT_PASS = '合格';
export const RESULT_FAIL = '不合格';

/** Food categories sampled and the products named in each, in publication order. */
export const FOOD_CATEGORIES: readonly { name: string; products: readonly string[] }[] = [
  { name: '粮食加工品', products: ['小麦粉', '大米', '挂面', '小米'] },
  { name: '食用油、油脂及其制品', products: ['大豆油', '花生油', '菜籽油', '胡麻油'] },
  { name: '肉制品', products: ['酱卤肉制品', '熏烧烤肉制品', '腌腊肉制品'] },
  { name: '乳制品', products: ['巴氏杀菌乳', '灭菌乳', '发酵乳'] },
  { name: '蔬菜', products: ['芹菜', '韭菜', '豇豆', '菠菜', '大白菜'] },
  { name: '水果', products: ['苹果', '梨', '葡萄', '桃'] },
  { name: '饮料', products: ['包装饮用水', '果蔬汁类饮料', '茶饮料'] },
  { name: '调味品', products: ['食醋', '酱油', '鸡精调味料'] },
  { name: '蔬菜制品', products: ['黄花菜干', '酱腌菜'] },
  { name: '酒类', products: ['白酒'] },
];

/** Units in which measured and standard values are reported. */
export const FOOD_MEASURE_UNITS = [
  'mg/kg',
  'μg/kg',
  'mg/g',
  'g/100g',
  'CFU/g',
  'CFU/250mL',
  'mg/L',
  'CFU/mL',
  'g/kg',
  'g/100mL',
  'g/L',
] as const;

export const foodSampling: NoticeDataset = {
  dataset: {
    id: 'food-sampling',
    title: { zh: '食品抽检结果', en: 'Food safety sampling results' },
    description: {
      zh: '食品安全监督抽检结果，按月批次公布：含食品类别、样品名称、标称生产企业及所在地、检验结论，不合格样品列出不合格项目、检验值和标准值。',
      en: 'Results of food safety sampling inspections, published in monthly batches: food category, product, labelled producer and its city, and the verdict; failing samples list the failing item with measured and standard values.',
    },
    agencies: ['sx-food-drug'],
    legalBasis: LEGAL_BASIS,
    clause: '四(三)',
    cadence: 'irregular',
    periodKind: 'month',
    dueRule: { offset: 'P20D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['食品药品安全'],
    tags: ['食品安全', '抽检', '监督抽检'],
    disclosure: 'proactive',
    graphqlName: 'foodSamplingResults',
  },
  schema: {
    fields: [
      periodField('month', { zh: '抽检批次（月）', en: 'Batch (month)' }),
      textField('sample_no', ['抽样编号', 'Sample number'], {
        required: true,
        role: 'dimension',
        description: {
          zh: 'SX + 年月 + 序号',
          en: "'SX', the batch's year and month, and a sequence number",
        },
        constraints: { pattern: '^SX\\d{6}-\\d{4}$' },
      }),
      enumField(
        'food_category',
        ['食品类别', 'Food category'],
        FOOD_CATEGORIES.map((c) => c.name),
      ),
      enumField('product', ['样品名称', 'Product'], [...new Set(FOOD_CATEGORIES.flatMap((c) => c.products))]),
      textField('producer', ['标称生产者', 'Labelled producer'], {
        required: true,
        role: 'attribute',
        description: {
          zh: '样品标签上标称的生产企业名称',
          en: 'Business named as the producer on the sample’s label',
        },
      }),
      cityField('producer_place', { zh: '生产者所在地代码', en: 'Producer city code' }),
      enumField('result', ['检验结论', 'Result'], [RESULT_PASS, RESULT_FAIL]),
      textField('failing_item', ['不合格项目', 'Failing item'], {
        role: 'attribute',
        description: { zh: '合格样品为空', en: 'Empty for samples that passed' },
      }),
      {
        name: 'measured_value',
        type: 'number',
        title: { zh: '检验结果', en: 'Measured value' },
        description: {
          zh: '合格样品为空；单位见计量单位',
          en: 'Empty for samples that passed; unit in measure_unit',
        },
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
      enumField('measure_unit', ['计量单位', 'Unit of measurement'], FOOD_MEASURE_UNITS, {
        required: false,
        role: 'attribute',
        description: {
          zh: '检验结果和标准值的单位；合格样品为空',
          en: 'Unit of both values; empty for samples that passed',
        },
      }),
    ],
    primaryKey: ['period', 'sample_no'],
    missingValues: [''],
  },
};
