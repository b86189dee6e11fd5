import type { Knex } from 'knex';
import type { SpamReason } from '../submissions';
import type { AnswerType } from './answer-types';
import type {
  AnswerLink,
  Channel,
  InfoRequest,
  OrganisationKind,
  RequestEvent,
  RequestEventKind,
  RequesterContact,
  RequesterType,
  RequestStatus,
} from './types';

interface RequestRow {
  id: number;
  tracking_number: string;
  channel: Channel;
  subject: string;
  description: string;
  purpose: string | null;
  requester_type: RequesterType;
  organisation_kind: OrganisationKind | null;
  agency_id: string;
  agency_name_zh: string;
  agency_name_en: string;
  agency_homepage: string | null;
  dataset_id: string | null;
  dataset_title_zh: string | null;
  dataset_title_en: string | null;
  status: RequestStatus;
  spam_reasons: SpamReason[];
  submitted_at: Date;
  received_on: string;
  clock_start_on: string;
  clarification_requested_on: string | null;
  extension_working_days: number | null;
  extended_on: string | null;
  extension_reason: string | null;
  extension_approved_by: string | null;
  answered_on: string | null;
  answered_at: Date | null;
  answer_type: AnswerType | null;
  answer_reason: string | null;
  answer_legal_basis: string | null;
  answer_reply: string | null;
  remedy: string | null;
}

// Every column a request view needs, and none of the contact table's.
const COLUMNS = [
  'r.id',
  'r.tracking_number',
  'r.channel',
  'r.subject',
  'r.description',
  'r.purpose',
  'r.requester_type',
  'r.organisation_kind',
  'r.agency_id',
  'a.name_zh as agency_name_zh',
  'a.name_en as agency_name_en',
  'a.homepage as agency_homepage',
  'r.dataset_id',
  'd.title_zh as dataset_title_zh',
  'd.title_en as dataset_title_en',
  'r.status',
  'r.spam_reasons',
  'r.submitted_at',
  'r.received_on',
  'r.clock_start_on',
  'r.clarification_requested_on',
  'r.extension_working_days',
  'r.extended_on',
  'r.extension_reason',
  'r.extension_approved_by',
  'r.answered_on',
  'r.answered_at',
  'r.answer_type',
  'r.answer_reason',
  'r.answer_legal_basis',
  'r.answer_reply',
  'r.remedy',
];

function base(knex: Knex) {
  return knex('info_requests as r')
    .join('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('datasets as d', 'd.id', 'r.dataset_id');
}

function toRequest(r: RequestRow, links: AnswerLink[]): InfoRequest {
  return {
    id: Number(r.id),
    trackingNumber: r.tracking_number,
    channel: r.channel,
    subject: r.subject,
    description: r.description,
    purpose: r.purpose,
    requesterType: r.requester_type,
    organisationKind: r.organisation_kind,
    agency: {
      id: r.agency_id,
      name: { zh: r.agency_name_zh, en: r.agency_name_en },
      homepage: r.agency_homepage,
    },
    dataset:
      r.dataset_id === null
        ? null
        : { id: r.dataset_id, title: { zh: r.dataset_title_zh ?? '', en: r.dataset_title_en ?? '' } },
    status: r.status,
    spamReasons: r.spam_reasons,
    submittedAt: new Date(r.submitted_at),
    receivedOn: r.received_on,
    clockStartOn: r.clock_start_on,
    clarificationRequestedOn: r.clarification_requested_on,
    extension:
      r.extension_working_days === null
        ? null
        : {
            workingDays: r.extension_working_days,
            extendedOn: r.extended_on ?? '',
            reason: r.extension_reason ?? '',
            approvedBy: r.extension_approved_by ?? '',
          },
    answer:
      r.answer_type === null || r.answered_on === null || r.answered_at === null
        ? null
        : {
            type: r.answer_type,
            reason: r.answer_reason,
            legalBasis: r.answer_legal_basis,
            reply: r.answer_reply,
            remedy: r.remedy ?? '',
            answeredOn: r.answered_on,
            answeredAt: new Date(r.answered_at),
            links,
          },
  };
}

async function linksOf(knex: Knex, ids: number[]): Promise<Map<number, AnswerLink[]>> {
  if (ids.length === 0) return new Map();
  const rows = (await knex('info_request_links as l')
    .leftJoin('releases as rel', 'rel.id', 'l.release_id')
    .whereIn('l.request_id', ids)
    .orderBy('l.id')
    .select('l.request_id', 'l.dataset_id', 'l.release_id', 'rel.period', 'rel.revision')) as Array<{
    request_id: number;
    dataset_id: string;
    release_id: number | null;
    period: string | null;
    revision: number | null;
  }>;
  const out = new Map<number, AnswerLink[]>();
  for (const l of rows) {
    const id = Number(l.request_id);
    const list = out.get(id) ?? [];
    list.push({
      datasetId: l.dataset_id,
      releaseId: l.release_id === null ? null : Number(l.release_id),
      period: l.period,
      revision: l.revision,
    });
    out.set(id, list);
  }
  return out;
}

async function withLinks(knex: Knex, rows: RequestRow[]): Promise<InfoRequest[]> {
  const links = await linksOf(
    knex,
    rows.filter((r) => r.answer_type !== null).map((r) => Number(r.id)),
  );
  return rows.map((r) => toRequest(r, links.get(Number(r.id)) ?? []));
}

export async function findRequest(
  knex: Knex,
  trackingNumber: string,
  o: { forUpdate?: boolean } = {},
): Promise<InfoRequest | undefined> {
  const q = base(knex).where('r.tracking_number', trackingNumber).first(COLUMNS);
  // Only the request row is locked: agencies and datasets are read, not changed.
  if (o.forUpdate) q.forUpdate('r');
  const row = (await q) as RequestRow | undefined;
  return row ? (await withLinks(knex, [row]))[0] : undefined;
}

export interface RequestFilter {
  agencyId?: string;
  statuses?: readonly RequestStatus[];
  /** Only requests received on or after this Beijing date. */
  receivedFrom?: string;
  /** Only requests whose clock started in [from, to] (Beijing dates). */
  clockStart?: { from: string; to: string };
  /** At most this many; absent only for callers that bound the rows by dates. */
  limit?: number;
}

/** Newest first. */
export async function listRequests(knex: Knex, f: RequestFilter): Promise<InfoRequest[]> {
  const q = base(knex).orderBy('r.id', 'desc').select(COLUMNS);
  if (f.limit !== undefined) q.limit(f.limit);
  if (f.agencyId) q.where('r.agency_id', f.agencyId);
  if (f.statuses) q.whereIn('r.status', f.statuses);
  if (f.receivedFrom) q.where('r.received_on', '>=', f.receivedFrom);
  if (f.clockStart) q.whereBetween('r.clock_start_on', [f.clockStart.from, f.clockStart.to]);
  return withLinks(knex, (await q) as RequestRow[]);
}

export async function countByStatus(knex: Knex, agencyId?: string): Promise<Record<RequestStatus, number>> {
  const q = knex('info_requests').groupBy('status').select('status', knex.raw('count(*)::int as n'));
  if (agencyId) q.where('agency_id', agencyId);
  const rows = (await q) as Array<{ status: RequestStatus; n: number }>;
  const out: Record<RequestStatus, number> = { received: 0, awaiting_clarification: 0, answered: 0, spam: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export interface NewRequest {
  trackingNumber: string;
  channel: Channel;
  subject: string;
  description: string;
  purpose: string | null;
  requesterType: RequesterType;
  organisationKind: OrganisationKind | null;
  agencyId: string;
  datasetId: string | null;
  status: RequestStatus;
  spamReasons: SpamReason[];
  receivedOn: string;
  createdBy: string;
}

export async function insertRequest(knex: Knex, r: NewRequest, contact: RequesterContact): Promise<number> {
  const [row] = (await knex('info_requests')
    .insert({
      tracking_number: r.trackingNumber,
      channel: r.channel,
      subject: r.subject,
      description: r.description,
      purpose: r.purpose,
      requester_type: r.requesterType,
      organisation_kind: r.organisationKind,
      agency_id: r.agencyId,
      dataset_id: r.datasetId,
      status: r.status,
      spam_reasons: JSON.stringify(r.spamReasons),
      received_on: r.receivedOn,
      clock_start_on: r.receivedOn,
      created_by: r.createdBy,
    })
    .returning('id')) as Array<{ id: number }>;
  const id = Number(row?.id);
  await knex('info_request_contacts').insert({
    request_id: id,
    name: contact.name,
    organisation: contact.organisation,
    phone: contact.phone,
    email: contact.email,
    address: contact.address,
  });
  return id;
}

/** Columns a handling step may change. */
export interface RequestPatch {
  agency_id?: string;
  status?: RequestStatus;
  spam_reasons?: string;
  clock_start_on?: string;
  description?: string;
  clarification_requested_on?: string;
  extension_working_days?: number;
  extended_on?: string;
  extension_reason?: string;
  extension_approved_by?: string;
  answered_on?: string;
  answered_at?: Date;
  answer_type?: AnswerType;
  answer_reason?: string | null;
  answer_legal_basis?: string | null;
  answer_reply?: string | null;
  remedy?: string;
}

export async function updateRequest(knex: Knex, id: number, patch: RequestPatch): Promise<void> {
  await knex('info_requests').where({ id }).update(patch);
}

export async function insertLinks(
  knex: Knex,
  requestId: number,
  links: ReadonlyArray<{ datasetId: string; releaseId: number | null }>,
): Promise<void> {
  if (links.length === 0) return;
  await knex('info_request_links').insert(
    links.map((l) => ({ request_id: requestId, dataset_id: l.datasetId, release_id: l.releaseId })),
  );
}

/** Restricted: only the responsible agency's case view calls this. */
export async function findContact(knex: Knex, requestId: number): Promise<RequesterContact | undefined> {
  const row = (await knex('info_request_contacts')
    .where({ request_id: requestId })
    .first('name', 'organisation', 'phone', 'email', 'address')) as RequesterContact | undefined;
  return row;
}

export async function insertEvent(
  knex: Knex,
  e: {
    requestId: number;
    kind: RequestEventKind;
    on: string;
    fromAgency?: string | null;
    toAgency?: string | null;
    note?: string | null;
  },
): Promise<void> {
  await knex('info_request_events').insert({
    request_id: e.requestId,
    kind: e.kind,
    on: e.on,
    from_agency: e.fromAgency ?? null,
    to_agency: e.toAgency ?? null,
    note: e.note ?? null,
  });
}

export async function listEvents(knex: Knex, requestId: number): Promise<RequestEvent[]> {
  const rows = (await knex('info_request_events')
    .where({ request_id: requestId })
    .orderBy('id')
    .select('kind', 'at', 'on', 'from_agency', 'to_agency', 'note')) as Array<{
    kind: RequestEventKind;
    at: Date;
    on: string;
    from_agency: string | null;
    to_agency: string | null;
    note: string | null;
  }>;
  return rows.map((r) => ({
    kind: r.kind,
    at: new Date(r.at),
    on: r.on,
    fromAgency: r.from_agency,
    toAgency: r.to_agency,
    note: r.note,
  }));
}

/** What the annual report counts: every request the agency holds that was received by `until`, spam aside. */
export interface ReportRow {
  requesterType: RequesterType;
  organisationKind: OrganisationKind | null;
  receivedOn: string;
  answeredOn: string | null;
  answerType: AnswerType | null;
  answerReason: string | null;
}

export async function reportRows(knex: Knex, agencyId: string, until: string): Promise<ReportRow[]> {
  const rows = (await knex('info_requests')
    .where('agency_id', agencyId)
    .whereNot('status', 'spam')
    .where('received_on', '<=', until)
    .select(
      'requester_type',
      'organisation_kind',
      'received_on',
      'answered_on',
      'answer_type',
      'answer_reason',
    )) as Array<{
    requester_type: RequesterType;
    organisation_kind: OrganisationKind | null;
    received_on: string;
    answered_on: string | null;
    answer_type: AnswerType | null;
    answer_reason: string | null;
  }>;
  return rows.map((r) => ({
    requesterType: r.requester_type,
    organisationKind: r.organisation_kind,
    receivedOn: r.received_on,
    answeredOn: r.answered_on,
    answerType: r.answer_type,
    answerReason: r.answer_reason,
  }));
}
