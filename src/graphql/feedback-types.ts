import {
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfigMap,
} from 'graphql';
import type { DatasetSummary } from '../catalog';
import {
  datasetReports,
  FEEDBACK_KINDS,
  FEEDBACK_QUEUE_FILTERS,
  FEEDBACK_STATUSES,
  feedbackQueue,
  publicReport,
  type FeedbackQueueFilter,
  type FeedbackReport,
  type ReleaseRef,
} from '../feedback';
import { TRACKING_NUMBER_RE } from '../submissions';
import { domainEnum, LocalizedTextType } from './common-types';
import type { GraphQLContext } from './context';
import { DateTimeScalar, PeriodScalar } from './scalars';
import { listOf, nonNull } from './wrappers';

/*
 * 纠错 in GraphQL, read-only like the rest of the schema: reports are submitted and answered
 * over REST. The reporter's email, the agency's internal note and the spam reasons have no
 * type here at all; the agency reads them over REST (`/api/v1/feedback/queue`).
 */

const FeedbackKindEnum = domainEnum(
  'FeedbackKind',
  FEEDBACK_KINDS,
  'WRONG_VALUE (数值有误), MISSING_PERIOD (缺期), BROKEN_DOWNLOAD (下载失败) or OTHER.',
);
const FeedbackStatusEnum = domainEnum(
  'FeedbackStatus',
  FEEDBACK_STATUSES,
  'OPEN, ACKNOWLEDGED (the agency is looking), RESOLVED or REJECTED (with its public answer); ' +
    'SPAM only in the agency’s queue.',
);
const FeedbackQueueFilterEnum = domainEnum(
  'FeedbackQueueFilter',
  FEEDBACK_QUEUE_FILTERS,
  'OPEN (open and acknowledged), CLOSED (resolved and rejected) or SPAM (marked, kept and counted).',
);

const ReportedReleaseType = new GraphQLObjectType<ReleaseRef>({
  name: 'FeedbackRelease',
  description: 'The release a report is about, or the revision that fixed it.',
  fields: {
    id: { type: nonNull(GraphQLInt) },
    period: { type: nonNull(PeriodScalar) },
    revision: { type: nonNull(GraphQLInt) },
  },
});

const RowKeyType = new GraphQLObjectType<[string, string]>({
  name: 'FeedbackRowKey',
  description: 'One primary-key field of the reported row and its value.',
  fields: {
    field: { type: nonNull(GraphQLString), resolve: ([field]) => field },
    value: { type: nonNull(GraphQLString), resolve: ([, value]) => value },
  },
});

const FeedbackReportType = new GraphQLObjectType<FeedbackReport>({
  name: 'FeedbackReport',
  description:
    '纠错: a problem someone reported on a dataset, a release or a row, and the agency’s public answer. ' +
    'Spam never appears.',
  fields: {
    trackingNumber: { type: nonNull(GraphQLString), description: 'e.g. JC2026-7K3M9Q2D.' },
    datasetId: { type: nonNull(GraphQLString), resolve: (r) => r.dataset.id },
    datasetTitle: { type: nonNull(LocalizedTextType), resolve: (r) => r.dataset.title },
    kind: { type: nonNull(FeedbackKindEnum) },
    release: { type: ReportedReleaseType },
    period: { type: PeriodScalar },
    field: { type: GraphQLString, description: 'The field whose value is said to be wrong.' },
    row: {
      type: listOf(RowKeyType),
      description: 'The reported row, by its primary-key values (public fields only); empty when none.',
      resolve: (r) => Object.entries(r.row ?? {}),
    },
    description: { type: nonNull(GraphQLString) },
    status: { type: nonNull(FeedbackStatusEnum) },
    submittedAt: { type: nonNull(DateTimeScalar) },
    response: {
      type: GraphQLString,
      description: 'The agency’s public answer.',
      resolve: (r) => r.publicResponse,
    },
    respondedAt: { type: DateTimeScalar },
    fixedBy: { type: ReportedReleaseType, description: 'The revision that corrects what was reported.' },
  },
});

const notFoundAsNull = (err: unknown) => {
  if ((err as { code?: string }).code === 'feedback_not_found') return null;
  throw err;
};

export const feedbackQueryFields: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  feedbackReport: {
    type: FeedbackReportType,
    description: 'A report’s public status by its tracking number; null when there is none.',
    args: { trackingNumber: { type: new GraphQLNonNull(GraphQLString) } },
    resolve: (_r, args: { trackingNumber: string }, ctx) =>
      TRACKING_NUMBER_RE.test(args.trackingNumber)
        ? publicReport(ctx.knex, args.trackingNumber).catch(notFoundAsNull)
        : null,
  },
  feedbackQueue: {
    type: listOf(FeedbackReportType),
    description:
      'The reports on an agency’s datasets (bearer token): a publisher’s own agency, an admin any or all.',
    args: { status: { type: FeedbackQueueFilterEnum }, agency: { type: GraphQLString } },
    resolve: async (_r, args: { status?: FeedbackQueueFilter | null; agency?: string | null }, ctx) => {
      const items = await feedbackQueue(ctx.knex, await ctx.principal(), {
        filter: args.status ?? 'open',
        agency: args.agency ?? undefined,
      });
      return items.map((i) => i.report);
    },
  },
};

/** `Dataset.feedback`: its public reports, newest first. */
export function datasetFeedbackField(): GraphQLFieldConfigMap<DatasetSummary, GraphQLContext> {
  return {
    feedback: {
      type: listOf(FeedbackReportType),
      description: '纠错 reports on this dataset and their public answers, newest first; spam never appears.',
      resolve: (s, _a, ctx) => datasetReports(ctx.knex, s.dataset.id),
    },
  };
}
