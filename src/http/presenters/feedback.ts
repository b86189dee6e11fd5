import type { FeedbackReport, ReleaseRef } from '../../feedback';
import type { ApiSchemas } from '../contract';

const releaseJson = (datasetId: string, r: ReleaseRef | null) =>
  r && {
    id: r.id,
    period: r.period,
    revision: r.revision,
    href: `/api/v1/datasets/${datasetId}/releases/${r.period}/data.csv?revision=${r.revision}`,
  };

/** A report as everyone sees it: what is wrong, where, and the agency's public answer. */
export function feedbackJson(r: FeedbackReport): ApiSchemas['FeedbackReport'] {
  return {
    trackingNumber: r.trackingNumber,
    dataset: r.dataset,
    kind: r.kind,
    release: releaseJson(r.dataset.id, r.release),
    period: r.period,
    field: r.field,
    row: r.row,
    description: r.description,
    status: r.status,
    submittedAt: r.submittedAt.toISOString(),
    response: r.publicResponse,
    respondedAt: r.respondedAt ? r.respondedAt.toISOString() : null,
    fixedBy: releaseJson(r.dataset.id, r.fixedBy),
    links: { self: `/api/v1/feedback/${r.trackingNumber}` },
  };
}

/** The responsible agency's view: also its internal note, the spam reasons and the reporter's email. */
export function feedbackCaseJson(r: FeedbackReport, email: string | null): ApiSchemas['FeedbackCase'] {
  return { ...feedbackJson(r), internalNote: r.internalNote, spamReasons: r.spamReasons, email };
}
