import type { Knex } from 'knex';
import { requireAdmin, type Agency, type Principal } from '../catalog';
import { NotFoundError, ValidationError } from '../errors';
import type { LocalizedText } from '../schemas';
import { queueAgency, requireHandler } from './access';
import { requestTimeliness, type RequestTimeliness } from './deadline';
import { MAX_LIST } from './limits';
import { countByStatus, findContact, findRequest, listEvents, listRequests } from './requests.repo';
import type {
  AnswerLink,
  Channel,
  InfoRequest,
  RequestAnswer,
  RequestEvent,
  RequesterContact,
  RequestStatus,
} from './types';

/**
 * What anyone holding the tracking number may see. Built field by field from the stored
 * request, so whatever is added to a request later stays private until it is added here.
 * No description, purpose, requester type or contact: only what the agency decided and when.
 */
export interface PublicRequest {
  trackingNumber: string;
  status: RequestStatus;
  channel: Channel;
  /** The requester's own one-line statement of the information wanted, shown publicly (the form says so). */
  subject: string;
  agency: Agency;
  dataset: { id: string; title: LocalizedText } | null;
  receivedOn: string;
  clockStartOn: string;
  clarificationRequestedOn: string | null;
  extension: { workingDays: number; extendedOn: string; reason: string } | null;
  answer: (Omit<RequestAnswer, 'links'> & { links: AnswerLink[] }) | null;
  timeliness: RequestTimeliness;
  events: RequestEvent[];
}

export function publicPart(r: InfoRequest, events: RequestEvent[], now: Date): PublicRequest {
  return {
    trackingNumber: r.trackingNumber,
    status: r.status,
    channel: r.channel,
    subject: r.subject,
    agency: r.agency,
    dataset: r.dataset,
    receivedOn: r.receivedOn,
    clockStartOn: r.clockStartOn,
    clarificationRequestedOn: r.clarificationRequestedOn,
    extension: r.extension
      ? {
          workingDays: r.extension.workingDays,
          extendedOn: r.extension.extendedOn,
          reason: r.extension.reason,
        }
      : null,
    answer: r.answer,
    timeliness: requestTimeliness(r, now),
    events,
  };
}

export async function publicRequest(knex: Knex, trackingNumber: string, now: Date): Promise<PublicRequest> {
  const r = await findRequest(knex, trackingNumber);
  if (!r) throw new NotFoundError('request_not_found', `No request ${trackingNumber}`, { trackingNumber });
  return publicPart(r, await listEvents(knex, r.id), now);
}

/** A request as its agency sees it in the queue: everything but the requester's contact details. */
export interface QueueItem {
  request: InfoRequest;
  timeliness: RequestTimeliness;
}

export const QUEUE_FILTERS = ['open', 'answered', 'all'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

const QUEUE_STATUSES: Record<QueueFilter, readonly RequestStatus[]> = {
  open: ['received', 'awaiting_clarification'],
  answered: ['answered'],
  // Spam is never in a queue; administrators list it on its own.
  all: ['received', 'awaiting_clarification', 'answered'],
};

/** Open requests come soonest-due first; the clock-stopped ones after them. */
function byUrgency(a: QueueItem, b: QueueItem): number {
  const da = a.timeliness.deadline?.dueOn ?? '9999';
  const db = b.timeliness.deadline?.dueOn ?? '9999';
  return da.localeCompare(db) || a.request.id - b.request.id;
}

export async function requestQueue(
  knex: Knex,
  p: Principal,
  o: { filter: QueueFilter; agency?: string; now: Date },
): Promise<QueueItem[]> {
  const agencyId = queueAgency(p, o.agency);
  const requests = await listRequests(knex, {
    agencyId,
    statuses: QUEUE_STATUSES[o.filter],
    limit: MAX_LIST,
  });
  const items = requests.map((request) => ({ request, timeliness: requestTimeliness(request, o.now) }));
  return o.filter === 'open' ? items.sort(byUrgency) : items;
}

/** The whole case for the agency handling it, with the requester's contact details (restricted). */
export interface RequestCase extends QueueItem {
  contact: RequesterContact;
  events: RequestEvent[];
}

export async function requestCase(
  knex: Knex,
  p: Principal,
  trackingNumber: string,
  now: Date,
): Promise<RequestCase> {
  const r = await findRequest(knex, trackingNumber);
  if (!r) throw new NotFoundError('request_not_found', `No request ${trackingNumber}`, { trackingNumber });
  requireHandler(p, r);
  const [contact, events] = await Promise.all([findContact(knex, r.id), listEvents(knex, r.id)]);
  if (!contact)
    throw new NotFoundError('request_not_found', `No request ${trackingNumber}`, { trackingNumber });
  return { request: r, timeliness: requestTimeliness(r, now), contact, events };
}

/** Administrators' view across agencies, e.g. every request marked as spam, with the counts. */
export async function adminRequests(
  knex: Knex,
  p: Principal,
  o: { status: RequestStatus; agency?: string; now: Date },
): Promise<{ items: QueueItem[]; counts: Record<RequestStatus, number> }> {
  requireAdmin(p);
  if (o.agency !== undefined && !/^[a-z][a-z0-9-]{1,48}$/.test(o.agency)) {
    throw new ValidationError('invalid_parameter', 'agency must be an agency id', { parameter: 'agency' });
  }
  const [requests, counts] = await Promise.all([
    listRequests(knex, { agencyId: o.agency, statuses: [o.status], limit: MAX_LIST }),
    countByStatus(knex, o.agency),
  ]);
  return {
    items: requests.map((request) => ({ request, timeliness: requestTimeliness(request, o.now) })),
    counts,
  };
}
