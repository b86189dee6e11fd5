/**
 * 依申请公开: requests for government information under 《中华人民共和国政府信息公开条例》
 * (2019 revision): taking them in, routing, the legal time limits, answers, timeliness,
 * grouping into candidates for proactive disclosure, and the annual-report statistics.
 */
export * from './types';
export * from './answer-types';
export * from './limits';
export {
  answerDeadline,
  ANSWER_WORKING_DAYS,
  CLARIFICATION_WINDOW_WORKING_DAYS,
  MAX_EXTENSION_WORKING_DAYS,
  REQUEST_TIMELINESS_STATES,
  requestTimeliness,
  type Deadline,
  type RequestTimeliness,
  type RequestTimelinessState,
} from './deadline';
export type { Acting } from './access';
export type { RequestInput } from './request-input';
export { submitRequest, REGULATION_IN_FORCE, TRACKING_PREFIX } from './submit.service';
export {
  answerRequest,
  extendRequest,
  forwardRequest,
  markSpam,
  receiveClarification,
  requestClarification,
  restoreRequest,
} from './handling.service';
export {
  adminRequests,
  publicPart,
  publicRequest,
  QUEUE_FILTERS,
  requestCase,
  requestQueue,
  type PublicRequest,
  type QueueFilter,
  type QueueItem,
  type RequestCase,
} from './read.service';
export {
  agencyRequestTimeliness,
  requestTimelinessByAgency,
  summariseRequests,
  type RequestTimelinessSummary,
} from './timeliness';
export {
  bigrams,
  disclosureCandidates,
  groupCandidates,
  jaccard,
  normaliseSubject,
  similarGroups,
  type DisclosureCandidate,
  type GroupingOptions,
} from './grouping';
export {
  annualReport,
  buildReport,
  REPORT_COLUMNS,
  REPORT_ROWS,
  REPORT_SOURCE,
  type AnnualReport,
  type ReportColumn,
  type ReportLine,
} from './annual-report';
export { listRemedyTemplates, type RemedyTemplate } from './remedy.repo';
export { remedyTemplates, setRemedyTemplate } from './remedy.service';
