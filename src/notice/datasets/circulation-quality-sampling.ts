import { cityField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 四(六) 及时公布流通领域商品质量抽检结果. */
export const circulationQualitySampling: NoticeDataset = {
  dataset: {
    id: 'circulation-quality-sampling',
    title: { zh: '流通领域商品质量抽检结果', en: 'Quality sampling of goods on the market' },
    description: {
      zh: '流通领域商品质量抽查检验结果，按月批次公布：商品类别、名称、商标、规格型号、标称生产企业、被抽样经营者、检验结论和不合格项目。',
      en: 'Results of quality sampling of goods sold on the market, published in monthly batches: category, product, brand, model, labelled producer, seller sampled, verdict and failing items.',
    },
    agencies: ['sx-industry-commerce', 'sx-quality-supervision'],
    legalBasis: LEGAL_BASIS,
    clause: '四(六)',
    cadence: 'irregular',
    periodKind: 'month',
    dueRule: { offset: 'P20D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['市场监管', '产品质量'],
    tags: ['商品质量', '抽检', '流通领域', '质量提升'],
    disclosure: 'proactive',
    graphqlName: 'circulationQualitySamples',
  },
  schema: {
    fields: [
      periodField('month', { zh: '抽检批次（月）', en: 'Batch (month)' }),
      textField('sample_no', ['抽样编号', 'Sample number'], { required: true, role: 'dimension' }),
      enumField(
        'category',
        ['商品类别', 'Category'],
        [
          '服装鞋帽',
          '家用电器',
          '电子产品',
          '儿童用品',
          '建材装饰材料',
          '日用化学品',
          '汽车配件',
          '农资',
          '其他',
        ],
      ),
      textField('product', ['商品名称', 'Product'], { required: true, role: 'attribute' }),
      textField('brand', ['商标', 'Brand'], { role: 'attribute' }),
      textField('model', ['规格型号', 'Model'], { role: 'attribute' }),
      textField('producer', ['标称生产企业', 'Labelled producer'], { role: 'attribute' }),
      textField('seller', ['被抽样经营者', 'Seller sampled'], { required: true, role: 'attribute' }),
      cityField(),
      enumField('result', ['检验结论', 'Result'], ['合格', '不合格']),
      textField('failing_items', ['不合格项目', 'Failing items'], {
        role: 'attribute',
        description: { zh: '合格样品为空', en: 'Empty for samples that passed' },
      }),
    ],
    primaryKey: ['period', 'sample_no'],
    missingValues: [''],
  },
};
