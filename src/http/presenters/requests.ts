import type {
  AnswerLink,
  DisclosureCandidate,
  PublicRequest,
  QueueItem,
  RequestAnswer,
  RequestCase,
  RequestEvent,
  RequestTimeliness,
  RequestTimelinessSummary,
} from '../../requests';
import { ANSWERS, answerReason } from '../../requests';
import type { ApiSchemas } from '../contract';
import { agencyJson } from './catalog';

export const requestLink = (trackingNumber: string) => `/api/v1/requests/${trackingNumber}`;

export function timelinessJson(t: RequestTimeliness) {
  return {
    state: t.state,
    clockStartOn: t.deadline?.clockStartOn ?? null,
    baseDueOn: t.deadline?.baseDueOn ?? null,
    dueOn: t.deadline?.dueOn ?? null,
    extended: t.deadline?.extended ?? false,
    provisional: t.deadline?.provisional ?? false,
    workingDaysLate: t.workingDaysLate,
  };
}

function linkJson(l: AnswerLink) {
  return {
    dataset: l.datasetId,
    release: l.releaseId,
    period: l.period,
    revision: l.revision,
    href:
      l.releaseId === null || l.period === null
        ? `/api/v1/datasets/${l.datasetId}`
        : `/api/v1/datasets/${l.datasetId}/releases/${l.period}/data.csv?revision=${l.revision}`,
  };
}

export function answerJson(a: RequestAnswer | null) {
  if (!a) return null;
  const spec = ANSWERS[a.type];
  const reason = answerReason(a.type, a.reason);
  return {
    type: a.type,
    typeLabel: { zh: spec.zh, en: spec.en },
    article: spec.article,
    reason: a.reason,
    reasonLabel: reason ? { zh: reason.zh, en: reason.en } : null,
    legalBasis: a.legalBasis,
    reply: a.reply,
    remedy: a.remedy,
    answeredOn: a.answeredOn,
    answeredAt: a.answeredAt.toISOString(),
    links: a.links.map(linkJson),
  };
}

function eventJson(e: RequestEvent) {
  return {
    kind: e.kind,
    on: e.on,
    at: e.at.toISOString(),
    fromAgency: e.fromAgency,
    toAgency: e.toAgency,
    note: e.note,
  };
}

/** The status page's answer: no description, purpose, requester type or contact, ever. */
export function publicRequestJson(r: PublicRequest): ApiSchemas['PublicRequest'] {
  return {
    trackingNumber: r.trackingNumber,
    status: r.status,
    channel: r.channel,
    subject: r.subject,
    agency: agencyJson(r.agency),
    dataset: r.dataset,
    receivedOn: r.receivedOn,
    clarificationRequestedOn: r.clarificationRequestedOn,
    extension: r.extension,
    timeliness: timelinessJson(r.timeliness),
    answer: answerJson(r.answer),
    events: r.events.map(eventJson),
    links: { self: requestLink(r.trackingNumber), page: `/requests/${r.trackingNumber}` },
  };
}

/** The agency's queue entry: the request as submitted, but not who submitted it. */
export function queueItemJson({ request: r, timeliness }: QueueItem): ApiSchemas['QueuedRequest'] {
  return {
    trackingNumber: r.trackingNumber,
    status: r.status,
    channel: r.channel,
    subject: r.subject,
    description: r.description,
    purpose: r.purpose,
    requesterType: r.requesterType,
    organisationKind: r.organisationKind,
    agency: agencyJson(r.agency),
    dataset: r.dataset,
    receivedOn: r.receivedOn,
    submittedAt: r.submittedAt.toISOString(),
    clarificationRequestedOn: r.clarificationRequestedOn,
    extension: r.extension,
    spamReasons: r.spamReasons,
    timeliness: timelinessJson(timeliness),
    answer: answerJson(r.answer),
    links: { self: requestLink(r.trackingNumber), case: `${requestLink(r.trackingNumber)}/case` },
  };
}

/** Restricted: the responsible agency's own view, with the requester's contact details. */
export function caseJson(c: RequestCase): ApiSchemas['RequestCase'] {
  return { ...queueItemJson(c), contact: c.contact, events: c.events.map(eventJson) };
}

export function requestTimelinessJson(s: RequestTimelinessSummary) {
  return { ...s };
}

export function candidateJson(c: DisclosureCandidate): ApiSchemas['DisclosureCandidate'] {
  return {
    kind: c.kind,
    dataset: c.dataset,
    subject: c.subject,
    count: c.count,
    firstReceivedOn: c.firstReceivedOn,
    lastReceivedOn: c.lastReceivedOn,
  };
}
