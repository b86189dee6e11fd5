import { countField, enumField, percentField, periodField, regionField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 四(六) 做好消费者诉求数据分析结果公开工作. */
export const consumerComplaints: NoticeDataset = {
  dataset: {
    id: 'consumer-complaints',
    title: { zh: '消费者诉求数据分析', en: 'Consumer complaints and enquiries' },
    description: {
      zh: '按季度公布的消费者投诉、举报和咨询的分类统计：按商品和服务类别分列的件数、办结率和为消费者挽回的经济损失。',
      en: 'Quarterly statistics of consumer complaints, reports and enquiries by category of goods and services: numbers received, share resolved and money recovered for consumers.',
    },
    agencies: ['sx-industry-commerce'],
    legalBasis: LEGAL_BASIS,
    clause: '四(六)',
    cadence: 'quarterly',
    periodKind: 'quarter',
    dueRule: { offset: 'P1M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['市场监管', '消费维权'],
    tags: ['消费者诉求', '消费投诉', '12315', '消费维权'],
    disclosure: 'proactive',
    graphqlName: 'consumerComplaintStatistics',
  },
  schema: {
    fields: [
      periodField('quarter', { zh: '统计季度', en: 'Quarter' }),
      regionField(),
      enumField('kind', ['诉求类型', 'Kind'], ['投诉', '举报', '咨询']),
      enumField(
        'category',
        ['商品和服务类别', 'Goods or services'],
        [
          '食品',
          '家用电器',
          '服装鞋帽',
          '通信产品',
          '交通工具',
          '房屋及建材',
          '餐饮住宿服务',
          '电信服务',
          '网络购物',
          '旅游服务',
          '教育培训服务',
          '其他',
        ],
      ),
      countField('received', ['受理件数', 'Received'], '件', { required: true }),
      percentField('resolved_share', ['办结率', 'Share resolved'], {
        constraints: { minimum: 0, maximum: 100 },
      }),
      {
        name: 'recovered',
        type: 'number',
        title: { zh: '挽回经济损失', en: 'Money recovered for consumers' },
        description: { zh: '仅投诉', en: 'Complaints only' },
        unit: '万元',
        constraints: { minimum: 0 },
        role: 'measure',
      },
    ],
    primaryKey: ['period', 'region', 'kind', 'category'],
    missingValues: [''],
  },
};
