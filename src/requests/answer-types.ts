/**
 * The answers 《中华人民共和国政府信息公开条例》(2019 revision, 国务院令第711号) allows to a
 * request, arranged exactly as the rows of section 三 of the national annual-report format
 * (国办公开办函〔2021〕30号), so that validation, labels and the annual report read one table.
 * Article numbers are the regulation's; the sub-reasons are the report format's rows.
 */
export const ANSWER_TYPES = ['disclose', 'partial', 'withhold', 'unable', 'not_processed', 'other'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export interface AnswerReason {
  id: string;
  /** The row's words in the report format. */
  zh: string;
  en: string;
}

export interface AnswerTypeSpec {
  /** The row number in section 三 of the report: (一) … (六). */
  row: string;
  zh: string;
  en: string;
  /** Where the regulation provides for this answer. */
  article: string;
  /** The sub-rows; an answer of this type names one. Empty: no sub-reason. */
  reasons: readonly AnswerReason[];
  /** A legal basis must be given (a refusal, or the refused part of a partial disclosure). */
  needsLegalBasis: boolean;
}

/** 不予公开 1–8: also the reasons for the withheld part of a 部分公开 (art. 37). */
export const WITHHOLD_REASONS: readonly AnswerReason[] = [
  { id: 'state_secret', zh: '属于国家秘密', en: 'State secret (art. 14)' },
  {
    id: 'prohibited_by_law',
    zh: '其他法律行政法规禁止公开',
    en: 'Other laws or regulations forbid it (art. 14)',
  },
  {
    id: 'security_stability',
    zh: '危及“三安全一稳定”',
    en: 'Would endanger national, public or economic security or social stability (art. 14)',
  },
  {
    id: 'third_party',
    zh: '保护第三方合法权益',
    en: "Protects a third party's lawful rights: trade secrets, privacy (arts. 15, 32)",
  },
  {
    id: 'internal_affairs',
    zh: '属于三类内部事务信息',
    en: 'Internal affairs: personnel, logistics, internal workflow (art. 16 para. 1)',
  },
  {
    id: 'process_information',
    zh: '属于四类过程性信息',
    en: 'Process information: discussion records, drafts, consultation letters, requests for instructions (art. 16 para. 2)',
  },
  {
    id: 'enforcement_file',
    zh: '属于行政执法案卷',
    en: 'Administrative enforcement case file (art. 16 para. 2)',
  },
  {
    id: 'administrative_query',
    zh: '属于行政查询事项',
    en: 'Information with its own access procedure, e.g. business or real-estate registers (art. 36(7))',
  },
];

export const ANSWERS: Record<AnswerType, AnswerTypeSpec> = {
  disclose: {
    row: '（一）',
    zh: '予以公开',
    en: 'Disclosed',
    article: '第三十六条第（一）、（二）项',
    reasons: [],
    needsLegalBasis: false,
  },
  partial: {
    row: '（二）',
    zh: '部分公开',
    en: 'Partly disclosed',
    article: '第三十七条',
    reasons: WITHHOLD_REASONS,
    needsLegalBasis: true,
  },
  withhold: {
    row: '（三）',
    zh: '不予公开',
    en: 'Not disclosed',
    article: '第三十六条第（三）项',
    reasons: WITHHOLD_REASONS,
    needsLegalBasis: true,
  },
  unable: {
    row: '（四）',
    zh: '无法提供',
    en: 'Cannot be provided',
    article: '第三十六条第（四）、（五）项，第三十八条，第三十条',
    reasons: [
      { id: 'not_held', zh: '本机关不掌握相关政府信息', en: 'This agency does not hold the information' },
      {
        id: 'needs_creation',
        zh: '没有现成信息需要另行制作',
        en: 'It does not exist and would have to be produced (art. 38)',
      },
      {
        id: 'unclear_after_clarification',
        zh: '补正后申请内容仍不明确',
        en: 'Still unclear after the requester completed it (art. 30)',
      },
    ],
    needsLegalBasis: false,
  },
  not_processed: {
    row: '（五）',
    zh: '不予处理',
    en: 'Not processed',
    article: '第三十五条，第三十六条第（六）项，第三十九条',
    reasons: [
      { id: 'petition', zh: '信访举报投诉类申请', en: 'A petition, report or complaint (art. 39)' },
      { id: 'repeated', zh: '重复申请', en: 'A repeated request already answered (art. 36(6))' },
      { id: 'publication', zh: '要求提供公开出版物', en: 'Asks for a publication (art. 39)' },
      {
        id: 'excessive',
        zh: '无正当理由大量反复申请',
        en: 'Many repeated requests without a legitimate reason (art. 35)',
      },
      {
        id: 'confirm_or_reissue',
        zh: '要求行政机关确认或重新出具已获取信息',
        en: 'Asks the agency to confirm or reissue information already obtained',
      },
    ],
    needsLegalBasis: false,
  },
  other: {
    row: '（六）',
    zh: '其他处理',
    en: 'Other',
    article: '第三十条，第四十二条',
    reasons: [
      {
        id: 'no_clarification',
        zh: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
        en: 'The requester did not complete the request in time without good reason (art. 30)',
      },
      {
        id: 'fee_unpaid',
        zh: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
        en: 'The requester did not pay the fee in time (art. 42)',
      },
      { id: 'other', zh: '其他', en: 'Other' },
    ],
    needsLegalBasis: false,
  },
};

/** The sub-reason an answer of `type` may name, or undefined when it names none or a wrong one. */
export function answerReason(type: AnswerType, id: string | null): AnswerReason | undefined {
  return ANSWERS[type].reasons.find((r) => r.id === id);
}
