import {
  amountField,
  cityField,
  creditCodeField,
  dateField,
  enumField,
  periodField,
  textField,
} from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 四(三) 公开食品药品安全违法行为处罚信息. */
export const foodDrugPenalties: NoticeDataset = {
  dataset: {
    id: 'food-drug-penalties',
    title: { zh: '食品药品安全行政处罚信息', en: 'Food and drug safety penalties' },
    description: {
      zh: '食品药品安全违法行为的行政处罚决定，按月汇总：决定书文号、被处罚单位、违法行为、处罚依据、处罚种类、罚没金额和决定日期。',
      en: 'Administrative penalty decisions for food and drug safety violations, collected monthly: decision number, business penalised, violation, legal basis, kind of penalty, fines and confiscations and date.',
    },
    agencies: ['sx-food-drug'],
    legalBasis: LEGAL_BASIS,
    clause: '四(三)',
    cadence: 'irregular',
    periodKind: 'month',
    dueRule: { offset: 'P10D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['食品药品安全', '行政执法'],
    tags: ['行政处罚', '食品安全', '药品安全', '双公示'],
    disclosure: 'proactive',
    graphqlName: 'foodDrugPenalties',
  },
  schema: {
    fields: [
      periodField('month', { zh: '公示月份', en: 'Month' }),
      textField('decision_no', ['处罚决定书文号', 'Decision number'], { required: true, role: 'dimension' }),
      creditCodeField(),
      textField('entity_name', ['被处罚单位', 'Business penalised'], { required: true, role: 'attribute' }),
      cityField(),
      enumField('domain', ['领域', 'Domain'], ['食品', '保健食品', '药品', '医疗器械', '化妆品']),
      textField('violation', ['违法行为', 'Violation'], { required: true, role: 'attribute' }),
      textField('basis', ['处罚依据', 'Legal basis'], { required: true, role: 'attribute' }),
      textField('penalty', ['处罚种类', 'Penalty'], {
        required: true,
        role: 'attribute',
        description: {
          zh: '如警告、罚款、没收违法所得、吊销许可证',
          en: 'e.g. warning, fine, confiscation, licence revoked',
        },
      }),
      amountField('fine', ['罚没金额', 'Fines and confiscations'], '万元'),
      dateField('decided_on', ['决定日期', 'Date of decision'], { required: true }),
    ],
    primaryKey: ['period', 'decision_no'],
    missingValues: [''],
  },
};
