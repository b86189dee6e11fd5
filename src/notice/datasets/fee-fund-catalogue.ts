import { enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 一(三) 在省发展改革委网站、省财政厅网站及时公开、动态更新行政事业性收费和政府性基金
 * 目录清单. The list in force is published per year; a change during the year is a new
 * revision of that year's list (with its reason), so every past state stays readable.
 */
export const feeFundCatalogue: NoticeDataset = {
  dataset: {
    id: 'fee-fund-catalogue',
    title: {
      zh: '行政事业性收费和政府性基金目录清单',
      en: 'Catalogue of administrative fees and government funds',
    },
    description: {
      zh: '全省执行的行政事业性收费和政府性基金项目：执收部门、项目名称、收费标准、政策依据和资金管理方式；清单调整时动态更新。',
      en: 'Administrative fees and government funds levied in Shanxi: collecting department, item, rate, legal basis and how the money is managed; updated whenever the list changes.',
    },
    agencies: ['sx-finance', 'sx-development-reform'],
    legalBasis: LEGAL_BASIS,
    clause: '一(三)',
    cadence: 'irregular',
    periodKind: 'year',
    dueRule: { offset: 'P15D', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['财政', '降成本'],
    tags: ['收费目录', '政府性基金', '行政事业性收费', '降成本', '清单'],
    disclosure: 'proactive',
    graphqlName: 'feeAndFundItems',
  },
  schema: {
    fields: [
      periodField('year', { zh: '清单年度', en: 'Year of the list' }),
      textField('item_code', ['项目编码', 'Item code'], { required: true, role: 'dimension' }),
      enumField('category', ['类别', 'Category'], ['行政事业性收费', '政府性基金']),
      textField('department', ['执收部门', 'Collecting department'], { required: true, role: 'dimension' }),
      textField('item_name', ['项目名称', 'Item'], { required: true, role: 'attribute' }),
      textField('rate', ['收费标准', 'Rate'], {
        required: true,
        role: 'attribute',
        description: { zh: '按文件原文表述，如“每件10元”', en: 'As worded in the source document' },
      }),
      textField('basis', ['政策依据', 'Legal basis'], { required: true, role: 'attribute' }),
      enumField('fund_management', ['资金管理方式', 'Fund management'], ['缴入国库', '缴入财政专户'], {
        role: 'attribute',
      }),
      textField('remarks', ['备注', 'Remarks'], { role: 'attribute' }),
    ],
    primaryKey: ['period', 'item_code'],
    missingValues: [''],
  },
};
