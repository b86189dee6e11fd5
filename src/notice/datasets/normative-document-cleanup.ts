import { dateField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 八(四) 做好规范性文件清理工作，清理结果要及时公布; with 三(六) 要及时公开政策性文件的废止、
 * 失效等情况. One row per document reviewed in a year's clean-up.
 */
export const normativeDocumentCleanup: NoticeDataset = {
  dataset: {
    id: 'normative-document-cleanup',
    title: { zh: '规范性文件清理结果', en: 'Results of the review of normative documents' },
    description: {
      zh: '省政府及省直部门规范性文件清理结果：文件名称、文号、制定机关、印发日期、清理结论（继续有效、修改、废止、失效）及理由。',
      en: 'Results of the review of normative documents of the provincial government and its departments: title, document number, issuing body, date issued, conclusion (remains in force, to be amended, repealed, expired) and reason.',
    },
    agencies: ['sx-general-office'],
    legalBasis: LEGAL_BASIS,
    clause: '八(四)',
    cadence: 'irregular',
    periodKind: 'year',
    dueRule: { offset: 'P1M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['政务公开', '法治政府'],
    tags: ['规范性文件', '文件清理', '废止', '失效'],
    disclosure: 'proactive',
    graphqlName: 'normativeDocumentReviews',
  },
  schema: {
    fields: [
      periodField('year', { zh: '清理年度', en: 'Year of the review' }),
      textField('document_no', ['文号', 'Document number'], {
        required: true,
        role: 'dimension',
        description: { zh: '如“晋政发〔2015〕12号”', en: 'e.g. 晋政发〔2015〕12号' },
      }),
      textField('title', ['文件名称', 'Title'], { required: true, role: 'attribute' }),
      textField('issuer', ['制定机关', 'Issuing body'], { required: true, role: 'dimension' }),
      dateField('issued_on', ['印发日期', 'Date issued']),
      enumField('conclusion', ['清理结论', 'Conclusion'], ['继续有效', '修改', '废止', '失效']),
      textField('reason', ['理由', 'Reason'], { role: 'attribute' }),
      dateField('effective_until', ['失效或废止日期', 'No longer in force from']),
    ],
    primaryKey: ['period', 'document_no'],
    missingValues: [''],
  },
};
