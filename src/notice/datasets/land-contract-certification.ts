import { amountField, countField, countyField, percentField, periodField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/** 三(五) 推动各级政府及时公开农村土地承包经营权确权登记颁证等工作进展情况. */
export const landContractCertification: NoticeDataset = {
  dataset: {
    id: 'land-contract-certification',
    title: {
      zh: '农村土地承包经营权确权登记颁证进展',
      en: 'Progress of rural land contract rights registration and certification',
    },
    description: {
      zh: '按季度公布的各县（市、区）农村土地承包经营权确权登记颁证进展：涉及行政村、承包农户、实测面积、确权面积和已颁发证书数。',
      en: 'Quarterly progress of each county in confirming, registering and certifying rural land contract rights: villages involved, contracting households, area surveyed, area confirmed and certificates issued.',
    },
    agencies: ['sx-agriculture'],
    legalBasis: LEGAL_BASIS,
    clause: '三(五)',
    cadence: 'quarterly',
    periodKind: 'quarter',
    dueRule: { offset: 'P20D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['农业', '农村改革'],
    tags: ['确权登记颁证', '土地承包经营权', '三权分置', '农村改革'],
    disclosure: 'proactive',
    graphqlName: 'landContractCertificationProgress',
  },
  schema: {
    fields: [
      periodField('quarter', { zh: '统计季度', en: 'Quarter' }),
      countyField(),
      countField('villages', ['涉及行政村', 'Villages involved'], '个', { required: true }),
      countField('households', ['承包农户', 'Contracting households'], '户', { required: true }),
      amountField('surveyed_area', ['实测承包地面积', 'Contracted land surveyed'], '万亩', {
        required: true,
      }),
      amountField('confirmed_area', ['确权面积', 'Area with rights confirmed'], '万亩', { required: true }),
      countField('certificates', ['已颁发证书', 'Certificates issued'], '份', { required: true }),
      percentField('certified_share', ['颁证率', 'Share of households certified'], {
        description: {
          zh: '已颁证农户占承包农户的比例',
          en: 'Certified households as a share of all contracting households',
        },
        constraints: { minimum: 0, maximum: 100 },
      }),
    ],
    primaryKey: ['period', 'county'],
    missingValues: [''],
  },
};
