import { cityField, creditCodeField, dateField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 三(六) 及时通过国家企业信用信息公示系统（山西）及其他平台公开抽查结果和查处情况.
 * Results are published as inspections finish; this dataset collects each month's.
 */
export const randomInspectionResults: NoticeDataset = {
  dataset: {
    id: 'random-inspection-results',
    title: { zh: '随机抽查结果', en: 'Random inspection results' },
    description: {
      zh: '“双随机、一公开”随机抽查的结果和查处情况，按月汇总：抽查事项、被抽查主体、抽查日期、抽查结果和处理情况。',
      en: 'Results of random inspections (“double random, one public” supervision) and follow-up, collected monthly: item, inspected business, date, result and action taken.',
    },
    agencies: ['sx-industry-commerce'],
    legalBasis: LEGAL_BASIS,
    clause: '三(六)',
    cadence: 'irregular',
    periodKind: 'month',
    dueRule: { offset: 'P20D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['市场监管', '放管服'],
    tags: ['双随机一公开', '随机抽查', '抽查结果', '查处情况'],
    disclosure: 'proactive',
    graphqlName: 'randomInspectionResults',
  },
  schema: {
    fields: [
      periodField('month', { zh: '公示月份', en: 'Month' }),
      textField('inspection_no', ['抽查编号', 'Inspection number'], { required: true, role: 'dimension' }),
      textField('item_code', ['抽查事项编码', 'Item code'], {
        required: true,
        role: 'dimension',
        description: {
          zh: '对应随机抽查事项清单中的事项编码',
          en: 'Item code in the list of random inspection items',
        },
      }),
      textField('department', ['抽查机关', 'Inspecting authority'], { required: true, role: 'dimension' }),
      creditCodeField(),
      textField('entity_name', ['被抽查主体', 'Business inspected'], { required: true, role: 'attribute' }),
      cityField(),
      dateField('inspected_on', ['抽查日期', 'Date of inspection'], { required: true }),
      enumField(
        'result',
        ['抽查结果', 'Result'],
        [
          '未发现问题',
          '发现问题已责令改正',
          '未按规定公示应当公示的信息',
          '通过登记的住所（经营场所）无法联系',
          '不配合检查情节严重',
          '发现问题待后续处理',
          '发现问题已移送',
        ],
      ),
      textField('action', ['查处情况', 'Action taken'], { role: 'attribute' }),
    ],
    primaryKey: ['period', 'inspection_no'],
    missingValues: [''],
  },
};
