import { amountField, dateField, enumField, periodField, textField, urlField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 三(七) 深入推进预决算公开 … 集中公开政府预决算、部门预决算. One row per published
 * budget or final account of a year; the full documents stay where they are published and
 * are linked. The due rule is the final accounts' (budgets are published within the year).
 */
export const budgetsFinalAccounts: NoticeDataset = {
  dataset: {
    id: 'budgets-final-accounts',
    title: {
      zh: '政府和部门预决算公开',
      en: 'Published government and departmental budgets and final accounts',
    },
    description: {
      zh: '省级政府预决算和省直部门预决算公开情况：公开主体、类别、收入合计、支出合计、基本支出、项目支出、“三公”经费、公开日期和公开网址。',
      en: 'Provincial government and departmental budgets and final accounts as published: publishing body, kind, total revenue, total expenditure, basic and project expenditure, “three public expenses” (travel abroad, vehicles, official hospitality), date and address of publication.',
    },
    agencies: ['sx-finance'],
    legalBasis: LEGAL_BASIS,
    clause: '三(七)',
    cadence: 'annual',
    periodKind: 'year',
    dueRule: { offset: 'P8M', time: '09:00' },
    firstPeriod: null,
    // A year's budgets are published early in that year, long before it ends.
    leadTime: 'P1Y',
    licence: NOTICE_LICENCE,
    themes: ['财政'],
    tags: ['预决算公开', '部门预算', '部门决算', '三公经费', '财税体制改革'],
    disclosure: 'proactive',
    graphqlName: 'budgetDisclosures',
  },
  schema: {
    fields: [
      periodField('year', { zh: '预算年度', en: 'Budget year' }),
      textField('body_code', ['公开主体代码', 'Publishing body code'], {
        required: true,
        role: 'dimension',
        description: {
          zh: '预算单位编码；省级政府预决算为 140000',
          en: 'Budget unit code; 140000 for the provincial government',
        },
      }),
      textField('body_name', ['公开主体', 'Publishing body'], { required: true, role: 'attribute' }),
      enumField('kind', ['类别', 'Kind'], ['政府预算', '政府决算', '部门预算', '部门决算']),
      amountField('revenue_total', ['收入合计', 'Total revenue'], '万元', { required: true }),
      amountField('expenditure_total', ['支出合计', 'Total expenditure'], '万元', { required: true }),
      amountField('basic_expenditure', ['基本支出', 'Basic expenditure'], '万元'),
      amountField('project_expenditure', ['项目支出', 'Project expenditure'], '万元'),
      amountField('three_public', ['“三公”经费', 'Three public expenses'], '万元'),
      dateField('published_on', ['公开日期', 'Date published'], { required: true }),
      urlField('url', ['公开网址', 'Address of publication']),
    ],
    primaryKey: ['period', 'body_code', 'kind'],
    missingValues: [''],
  },
};
