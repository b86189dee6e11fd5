import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfigMap,
} from 'graphql';
import { currentYear, TIMELINESS_YEARS } from '../calendar';
import type { Agency } from '../catalog';
import { ValidationError } from '../errors';
import {
  agencyRequestTimeliness,
  ANSWER_TYPES,
  ANSWERS,
  answerReason,
  disclosureCandidates,
  EVENT_KINDS,
  publicRequest,
  QUEUE_FILTERS,
  REQUEST_STATUSES,
  REQUEST_TIMELINESS_STATES,
  requestQueue,
  type DisclosureCandidate,
  type InfoRequest,
  type PublicRequest,
  type QueueItem,
  type RequestAnswer,
  type RequestEvent,
  type RequestTimeliness,
  type RequestTimelinessSummary,
} from '../requests';
import { TRACKING_NUMBER_RE } from '../submissions';
import { domainEnum, LocalizedTextType } from './common-types';
import type { GraphQLContext } from './context';
import { DateScalar, DateTimeScalar } from './scalars';
import { listOf, nonNull } from './wrappers';

/*
 * 依申请公开 in GraphQL. The requester's contact details have no type here at all: the
 * agency reads them over REST (`/api/v1/requests/{n}/case`) and nowhere else.
 */

const RequestStatusEnum = domainEnum(
  'RequestStatus',
  REQUEST_STATUSES,
  'RECEIVED, AWAITING_CLARIFICATION (补正 asked; the clock stands still), ANSWERED or SPAM.',
);
const RequestStateEnum = domainEnum(
  'RequestTimelinessState',
  REQUEST_TIMELINESS_STATES,
  'ON_TIME / LATE (answered by / after the due date), PENDING / OVERDUE (open), AWAITING_CLARIFICATION.',
);
const AnswerTypeEnum = domainEnum(
  'RequestAnswerType',
  ANSWER_TYPES,
  '予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理 (the rows of the annual report).',
);
const EventKindEnum = domainEnum('RequestEventKind', EVENT_KINDS);
const QueueFilterEnum = domainEnum('RequestQueueFilter', QUEUE_FILTERS);

const DeadlineType = new GraphQLObjectType<RequestTimeliness>({
  name: 'RequestDeadline',
  description:
    '20 working days from receipt under the State Council holiday schedule, extended once by up to 20 (art. 33).',
  fields: {
    state: { type: nonNull(RequestStateEnum) },
    clockStartOn: { type: DateScalar, resolve: (t) => t.deadline?.clockStartOn ?? null },
    dueOn: { type: DateScalar, resolve: (t) => t.deadline?.dueOn ?? null },
    baseDueOn: { type: DateScalar, resolve: (t) => t.deadline?.baseDueOn ?? null },
    extended: { type: nonNull(GraphQLBoolean), resolve: (t) => t.deadline?.extended ?? false },
    provisional: {
      type: nonNull(GraphQLBoolean),
      description: 'A year in the count has no published holiday schedule yet; Monday–Friday was assumed.',
      resolve: (t) => t.deadline?.provisional ?? false,
    },
    workingDaysLate: { type: GraphQLInt },
  },
});

const AnswerLinkType = new GraphQLObjectType<RequestAnswer['links'][number]>({
  name: 'RequestAnswerLink',
  fields: {
    datasetId: { type: nonNull(GraphQLString) },
    releaseId: { type: GraphQLInt },
    period: { type: GraphQLString },
    revision: { type: GraphQLInt },
  },
});

const AnswerType = new GraphQLObjectType<RequestAnswer>({
  name: 'RequestAnswer',
  fields: {
    type: { type: nonNull(AnswerTypeEnum) },
    typeLabel: { type: nonNull(LocalizedTextType), resolve: (a) => ANSWERS[a.type] },
    reason: { type: GraphQLString },
    reasonLabel: { type: LocalizedTextType, resolve: (a) => answerReason(a.type, a.reason) ?? null },
    legalBasis: { type: GraphQLString },
    reply: { type: GraphQLString },
    remedy: {
      type: nonNull(GraphQLString),
      description: 'The remedy channels as stated (行政复议 / 行政诉讼).',
    },
    answeredOn: { type: nonNull(DateScalar) },
    links: { type: listOf(AnswerLinkType) },
  },
});

const EventType = new GraphQLObjectType<RequestEvent>({
  name: 'RequestEvent',
  fields: {
    kind: { type: nonNull(EventKindEnum) },
    on: { type: nonNull(DateScalar) },
    at: { type: nonNull(DateTimeScalar) },
    fromAgency: { type: GraphQLString },
    toAgency: { type: GraphQLString },
    note: { type: GraphQLString },
  },
});

const RequestAgencyType = new GraphQLObjectType<Agency>({
  name: 'RequestAgency',
  fields: { id: { type: nonNull(GraphQLString) }, name: { type: nonNull(LocalizedTextType) } },
});

const RequestDatasetType = new GraphQLObjectType<{ id: string; title: { zh: string; en: string } }>({
  name: 'RequestDataset',
  fields: { id: { type: nonNull(GraphQLString) }, title: { type: nonNull(LocalizedTextType) } },
});

/** Fields both views share, read from the public part of a request. */
function sharedFields<T extends { request: PublicRequest | InfoRequest; timeliness: RequestTimeliness }>() {
  return {
    trackingNumber: { type: nonNull(GraphQLString), resolve: (s: T) => s.request.trackingNumber },
    status: { type: nonNull(RequestStatusEnum), resolve: (s: T) => s.request.status },
    subject: { type: nonNull(GraphQLString), resolve: (s: T) => s.request.subject },
    agency: { type: nonNull(RequestAgencyType), resolve: (s: T) => s.request.agency },
    dataset: { type: RequestDatasetType, resolve: (s: T) => s.request.dataset },
    receivedOn: { type: nonNull(DateScalar), resolve: (s: T) => s.request.receivedOn },
    deadline: { type: nonNull(DeadlineType), resolve: (s: T) => s.timeliness },
    answer: { type: AnswerType, resolve: (s: T) => s.request.answer },
  };
}

const PublicRequestType = new GraphQLObjectType<{ request: PublicRequest; timeliness: RequestTimeliness }>({
  name: 'DataRequestStatus',
  description: 'A request’s public status (依申请公开): no description, purpose or personal data.',
  fields: {
    ...sharedFields<{ request: PublicRequest; timeliness: RequestTimeliness }>(),
    events: { type: listOf(EventType), resolve: (s) => s.request.events },
  },
});

const QueueItemType = new GraphQLObjectType<QueueItem>({
  name: 'DataRequest',
  description:
    'A request in an agency’s queue: what was asked, without who asked (contact details are REST-only).',
  fields: {
    ...sharedFields<QueueItem>(),
    description: { type: nonNull(GraphQLString), resolve: (s) => s.request.description },
    purpose: { type: GraphQLString, resolve: (s) => s.request.purpose },
    requesterType: {
      type: nonNull(GraphQLString),
      description: 'natural_person or legal_person.',
      resolve: (s) => s.request.requesterType,
    },
    organisationKind: { type: GraphQLString, resolve: (s) => s.request.organisationKind },
  },
});

const RequestSummaryType = new GraphQLObjectType<RequestTimelinessSummary>({
  name: 'RequestTimelinessSummary',
  description: '依申请公开 answers due in a year: on time, late, overdue, pending.',
  fields: {
    due: { type: nonNull(GraphQLInt) },
    onTime: { type: nonNull(GraphQLInt) },
    late: { type: nonNull(GraphQLInt) },
    overdue: { type: nonNull(GraphQLInt) },
    pending: { type: nonNull(GraphQLInt) },
    awaitingClarification: { type: nonNull(GraphQLInt) },
    onTimeRate: { type: GraphQLFloat },
    provisional: { type: nonNull(GraphQLBoolean) },
  },
});

const CandidateType = new GraphQLObjectType<DisclosureCandidate>({
  name: 'DisclosureCandidate',
  description: 'Information many people requested: a candidate for proactive disclosure (八(六)).',
  fields: {
    kind: { type: nonNull(GraphQLString), description: 'dataset or text.' },
    dataset: { type: RequestDatasetType },
    subject: { type: nonNull(GraphQLString) },
    count: { type: nonNull(GraphQLInt) },
    firstReceivedOn: { type: nonNull(DateScalar) },
    lastReceivedOn: { type: nonNull(DateScalar) },
  },
});

function checkedYear(year: number | null | undefined, now: Date): number {
  const y = year ?? currentYear(now);
  if (!Number.isInteger(y) || y < TIMELINESS_YEARS.min || y > TIMELINESS_YEARS.max) {
    throw new ValidationError(
      'invalid_parameter',
      `year must be from ${TIMELINESS_YEARS.min} to ${TIMELINESS_YEARS.max}`,
      {
        parameter: 'year',
        value: y,
      },
    );
  }
  return y;
}

export const requestQueryFields: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  dataRequest: {
    type: PublicRequestType,
    description:
      'A request’s public status by its tracking number (e.g. YSQ2026-7K3M9Q2D); null when there is none.',
    args: { trackingNumber: { type: new GraphQLNonNull(GraphQLString) } },
    resolve: async (_r, args: { trackingNumber: string }, ctx) => {
      if (!TRACKING_NUMBER_RE.test(args.trackingNumber)) return null;
      const view = await publicRequest(ctx.knex, args.trackingNumber, ctx.now).catch((err: unknown) => {
        if ((err as { code?: string }).code === 'request_not_found') return null;
        throw err;
      });
      return view && { request: view, timeliness: view.timeliness };
    },
  },
  requestQueue: {
    type: listOf(QueueItemType),
    description:
      'The agency’s requests (bearer token): a publisher’s own agency, an admin any or all. Spam never appears.',
    args: { status: { type: QueueFilterEnum }, agency: { type: GraphQLString } },
    resolve: async (
      _r,
      args: { status?: (typeof QUEUE_FILTERS)[number] | null; agency?: string | null },
      ctx,
    ) =>
      requestQueue(ctx.knex, await ctx.principal(), {
        filter: args.status ?? 'open',
        agency: args.agency ?? undefined,
        now: ctx.now,
      }),
  },
};

/** Fields added to `Agency`: its request timeliness and its candidates for proactive disclosure. */
export function agencyRequestFields(): GraphQLFieldConfigMap<Agency, GraphQLContext> {
  return {
    requestTimeliness: {
      type: nonNull(RequestSummaryType),
      args: {
        year: { type: GraphQLInt, description: 'Year of the due dates (Beijing time); default: this year.' },
      },
      resolve: (a, args: { year?: number | null }, ctx) =>
        agencyRequestTimeliness(ctx.knex, a.id, checkedYear(args.year, ctx.now), ctx.now),
    },
    disclosureCandidates: {
      type: listOf(CandidateType),
      description: 'Groups of requests for the same information past the threshold, most requested first.',
      resolve: (a, _args, ctx) => {
        const c = ctx.config;
        return disclosureCandidates(ctx.knex, a.id, {
          threshold: c?.requestDisclosureThreshold ?? 3,
          similarity: (c?.requestSimilarityPercent ?? 50) / 100,
          windowDays: c?.requestDisclosureWindowDays ?? 365,
          now: ctx.now,
        });
      },
    },
  };
}
