import { GraphQLFloat, GraphQLInt, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import {
  agencyView,
  currentYear,
  PERIOD_STATES,
  timelinessOf,
  TIMELINESS_YEARS,
  type AgencyRanking,
  type DatasetRef,
  type DatasetTimeliness,
  type ExpectedPeriod,
  type TimelinessSummary,
} from '../calendar';
import type { Agency, Dataset } from '../catalog';
import { ValidationError } from '../errors';
import { formatPeriod } from '../periods';
import {
  CadenceEnum,
  domainEnum,
  LocalizedTextType,
  ReportingPeriodType,
  StatusMarkType,
} from './common-types';
import type { GraphQLContext } from './context';
import { DateTimeScalar } from './scalars';
import { listOf, nonNull } from './wrappers';

export const PeriodStateEnum = domainEnum(
  'PeriodState',
  PERIOD_STATES,
  'ON_TIME, LATE, MISSING (due and not published), SCHEDULED (embargoed), UPCOMING (not due yet) or INCOMPLETE (published without a required interpretation).',
);

const SummaryType = new GraphQLObjectType<TimelinessSummary>({
  name: 'TimelinessSummary',
  description: '时效考核: counts of expected periods by state, with the on-time rate and delays.',
  fields: {
    due: { type: nonNull(GraphQLInt), description: 'Periods whose due instant has passed.' },
    onTime: { type: nonNull(GraphQLInt) },
    late: { type: nonNull(GraphQLInt) },
    missing: { type: nonNull(GraphQLInt) },
    scheduled: { type: nonNull(GraphQLInt) },
    upcoming: { type: nonNull(GraphQLInt) },
    incomplete: {
      type: nonNull(GraphQLInt),
      description: 'Published without the interpretation the dataset requires.',
    },
    onTimeRate: { type: GraphQLFloat, description: 'onTime / due; null when nothing was due.' },
    averageDelaySeconds: { type: GraphQLInt, description: 'Mean delay of the late periods.' },
    maxDelaySeconds: { type: GraphQLInt },
  },
});

const ExpectedPeriodType = new GraphQLObjectType<ExpectedPeriod>({
  name: 'ExpectedPeriod',
  description: 'A period the cadence requires, with its due instant (Asia/Shanghai rule) and state.',
  fields: {
    period: { type: nonNull(ReportingPeriodType), resolve: (p) => formatPeriod(p.period) },
    dueAt: { type: nonNull(DateTimeScalar) },
    state: { type: nonNull(PeriodStateEnum) },
    publishedAt: { type: DateTimeScalar, description: 'First publication, or the embargo end.' },
    delaySeconds: { type: GraphQLInt, description: 'How late the first publication was.' },
    revisions: { type: nonNull(GraphQLInt) },
  },
});

const DatasetRefType = new GraphQLObjectType<DatasetRef>({
  name: 'DatasetRef',
  fields: {
    id: { type: nonNull(GraphQLString) },
    title: { type: nonNull(LocalizedTextType) },
    clause: { type: nonNull(GraphQLString) },
    cadence: { type: nonNull(CadenceEnum) },
    status: { type: nonNull(StatusMarkType) },
  },
});

const DatasetTimelinessType = new GraphQLObjectType<DatasetTimeliness>({
  name: 'DatasetTimeliness',
  fields: {
    dataset: { type: nonNull(DatasetRefType) },
    year: { type: GraphQLInt, description: 'Year of the due dates counted; null for the whole history.' },
    summary: { type: nonNull(SummaryType) },
    periods: {
      type: listOf(ExpectedPeriodType),
      args: { state: { type: PeriodStateEnum } },
      resolve: (t, args: { state?: string | null }) =>
        args.state ? t.periods.filter((p) => p.state === args.state) : t.periods,
    },
  },
});

const AgencyDatasetType = new GraphQLObjectType<{ role: string; timeliness: DatasetTimeliness }>({
  name: 'AgencyDatasetTimeliness',
  fields: {
    role: { type: nonNull(GraphQLString), description: 'lead (牵头) or partner.' },
    timeliness: { type: nonNull(DatasetTimelinessType) },
  },
});

const AgencyRefType = new GraphQLObjectType<Agency>({
  name: 'AgencyRef',
  fields: { id: { type: nonNull(GraphQLString) }, name: { type: nonNull(LocalizedTextType) } },
});

const AgencyRankingType = new GraphQLObjectType<AgencyRanking>({
  name: 'AgencyRanking',
  fields: {
    rank: { type: GraphQLInt, description: 'Null when nothing the agency leads was due.' },
    agency: { type: nonNull(AgencyRefType) },
    summary: { type: nonNull(SummaryType) },
  },
});

const AgencyTimelinessType = new GraphQLObjectType({
  name: 'AgencyTimeliness',
  description: 'An agency’s record for a year, over the items it leads, and its province-wide rank.',
  fields: {
    year: { type: nonNull(GraphQLInt) },
    rank: { type: GraphQLInt },
    rankedAgencies: { type: nonNull(GraphQLInt) },
    summary: { type: nonNull(SummaryType) },
    datasets: { type: listOf(AgencyDatasetType) },
  },
});

const yearArg = {
  year: {
    type: GraphQLInt,
    description: 'Calendar year of the due dates (Beijing time); default: this year.',
  },
};

function checkedYear(year: number | null | undefined, now: Date): number {
  const y = year ?? currentYear(now);
  if (!Number.isInteger(y) || y < TIMELINESS_YEARS.min || y > TIMELINESS_YEARS.max) {
    throw new ValidationError(
      'invalid_parameter',
      `year must be an integer from ${TIMELINESS_YEARS.min} to ${TIMELINESS_YEARS.max}`,
      { parameter: 'year', value: y },
    );
  }
  return y;
}

export function agencyTimelinessField(): GraphQLFieldConfig<
  Agency,
  GraphQLContext,
  { year?: number | null }
> {
  return {
    type: nonNull(AgencyTimelinessType),
    args: yearArg,
    resolve: async (a, args, ctx) =>
      agencyView(await ctx.loaders.province(checkedYear(args.year, ctx.now)), a, ctx.now),
  };
}

export function datasetTimelinessField(): GraphQLFieldConfig<
  { dataset: Dataset },
  GraphQLContext,
  { year?: number | null }
> {
  return {
    type: nonNull(DatasetTimelinessType),
    description: 'Expected periods and their state; without a year, from the tracking start to now.',
    args: { year: { type: GraphQLInt, description: 'Only periods due in this year (Beijing time).' } },
    resolve: async (s, args, ctx) =>
      timelinessOf(
        s.dataset,
        await ctx.loaders.publications.load(s.dataset.id),
        ctx.now,
        args.year === null || args.year === undefined ? null : checkedYear(args.year, ctx.now),
      ),
  };
}

export function timelinessRankingField(): GraphQLFieldConfig<
  unknown,
  GraphQLContext,
  { year?: number | null }
> {
  return {
    type: listOf(AgencyRankingType),
    description: 'Province-wide ranking of agencies by on-time rate for a year (考核).',
    args: yearArg,
    resolve: async (_src, args, ctx) => (await ctx.loaders.province(checkedYear(args.year, ctx.now))).ranking,
  };
}
