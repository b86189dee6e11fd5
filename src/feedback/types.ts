import type { LocalizedText } from '../schemas';

/** What is wrong: a value, a period that should be there, a download that fails, or else. */
export const FEEDBACK_KINDS = ['wrong_value', 'missing_period', 'broken_download', 'other'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/**
 * - open: nobody has answered yet
 * - acknowledged: the agency confirmed it is looking (it may answer again)
 * - resolved / rejected: closed, with the agency's public answer; resolved may name the fixing release
 * - spam: kept and counted, never in a queue or a public list
 */
export const FEEDBACK_STATUSES = ['open', 'acknowledged', 'resolved', 'rejected', 'spam'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export interface ReleaseRef {
  id: number;
  period: string;
  revision: number;
}

export interface FeedbackReport {
  id: number;
  trackingNumber: string;
  dataset: { id: string; title: LocalizedText };
  kind: FeedbackKind;
  release: ReleaseRef | null;
  period: string | null;
  field: string | null;
  /** The row, by the values of its primary-key fields (public fields only). */
  row: Record<string, string> | null;
  description: string;
  status: FeedbackStatus;
  spamReasons: string[];
  submittedAt: Date;
  /** The agency's answer as everyone sees it. */
  publicResponse: string | null;
  /** The agency's own note; never public. */
  internalNote: string | null;
  respondedAt: Date | null;
  /** The revision that corrects what was reported. */
  fixedBy: ReleaseRef | null;
}
