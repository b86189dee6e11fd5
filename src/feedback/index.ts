/**
 * Feedback and corrections (纠错): problems anyone reports on a dataset, a release or a row,
 * the responsible agency's answer, and the revision that fixes them.
 */
export * from './types';
export * from './limits';
export { countReports } from './feedback.repo';
export {
  checkFixableReport,
  datasetReports,
  FEEDBACK_PREFIX,
  FEEDBACK_QUEUE_FILTERS,
  feedbackQueue,
  linkFix,
  markFeedbackSpam,
  publicReport,
  respondToFeedback,
  submitFeedback,
  type FeedbackQueueFilter,
} from './feedback.service';
