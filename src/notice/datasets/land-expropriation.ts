import { amountField, countField, countyField, dateField, periodField, textField, urlField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 一(二) 加大征地拆迁安置信息公开力度，加快建成省级征地信息公开平台，统一发布征地信息.
 * Each approved expropriation, collected monthly.
 */
export const landExpropriation: NoticeDataset = {
  dataset: {
    id: 'land-expropriation',
    title: { zh: '征地信息', en: 'Land expropriation' },
    description: {
      zh: '经依法批准的征收土地信息，按月汇总：批准文号、批准日期、所在县（市、区）、用地项目、征收面积（其中耕地）、涉及农户、补偿安置标准和公告网址。',
      en: 'Approved expropriations of land, collected monthly: approval number and date, county, project, area expropriated (of which farmland), households affected, compensation and resettlement standard and address of the public notice.',
    },
    agencies: ['sx-land'],
    legalBasis: LEGAL_BASIS,
    clause: '一(二)',
    cadence: 'irregular',
    periodKind: 'month',
    dueRule: { offset: 'P10D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['国土资源'],
    tags: ['征地', '征收土地', '拆迁安置', '补偿标准'],
    disclosure: 'proactive',
    graphqlName: 'landExpropriations',
  },
  schema: {
    fields: [
      periodField('month', { zh: '批准月份', en: 'Month approved' }),
      textField('approval_no', ['批准文号', 'Approval number'], { required: true, role: 'dimension' }),
      dateField('approved_on', ['批准日期', 'Date approved'], { required: true }),
      countyField(),
      textField('project', ['用地项目', 'Project'], { required: true, role: 'attribute' }),
      amountField('area', ['征收面积', 'Area expropriated'], '公顷', { required: true }),
      amountField('farmland_area', ['其中：耕地', 'Of which farmland'], '公顷'),
      countField('households', ['涉及农户', 'Households affected'], '户'),
      textField('compensation', ['补偿安置标准', 'Compensation and resettlement'], { role: 'attribute' }),
      urlField('notice_url', ['征地公告', 'Public notice']),
    ],
    primaryKey: ['period', 'approval_no'],
    missingValues: [''],
  },
};
