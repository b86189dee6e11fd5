import {
  GraphQLBoolean,
  GraphQLInt,
  GraphQLList,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLSchema,
} from 'graphql';
import {
  releasesIn,
  type Agency,
  type DatasetSummary,
  type ReleaseRecord,
  type ReleaseStatus,
  type SchemaVersion,
} from '../catalog';
import { FIELD_TYPES, fieldRole, publicFields, type FieldDef, type TableSchema } from '../schemas';
import { connectionTypes, pageArgs, sliceConnection } from './connection';
import { agencyTimelinessField, datasetTimelinessField } from './timeliness-types';
import { datasetFeedbackField } from './feedback-types';
import { agencyRequestFields } from './request-types';
import { releaseInterpretationField } from './interpretation-types';
import type { GraphQLContext } from './context';
import { fieldGraphqlName } from './names';
import { DateTimeScalar, PeriodScalar } from './scalars';
import { listOf, nonNull } from './wrappers';
import {
  CadenceEnum,
  DatasetStatusEnum,
  domainEnum,
  LocalizedTextType,
  PeriodKindEnum,
  ReportingPeriodType,
  StatusMarkType,
} from './common-types';

export { CadenceEnum, DatasetStatusEnum, domainEnum, LocalizedTextType, PeriodKindEnum, ReportingPeriodType };

const FieldTypeEnum = domainEnum('FieldType', FIELD_TYPES, 'The Table Schema type of a field.');
const FieldRoleEnum = domainEnum('FieldRole', ['dimension', 'measure', 'attribute']);
// Embargoed (scheduled) releases are never served, so they have no value here.
const ReleaseStatusEnum = domainEnum('ReleaseStatus', ['published', 'superseded', 'withdrawn']);

const WithdrawalType = new GraphQLObjectType<NonNullable<ReleaseRecord['withdrawal']>>({
  name: 'ReleaseWithdrawal',
  description:
    '撤回 / A withdrawal: the release is a tombstone, no longer counted by current reads; reads as of an instant before `withdrawnAt` still serve it.',
  fields: {
    withdrawnAt: { type: nonNull(DateTimeScalar), resolve: (w) => w.at },
    reason: {
      type: nonNull(GraphQLString),
      description: '撤回原因 / why it was withdrawn.',
      resolve: (w) => w.reason,
    },
  },
});

export const AgencyType: GraphQLObjectType<Agency, GraphQLContext> = new GraphQLObjectType<
  Agency,
  GraphQLContext
>({
  name: 'Agency',
  description: 'A government agency responsible for datasets (责任单位).',
  fields: () => ({
    id: { type: nonNull(GraphQLString) },
    name: { type: nonNull(LocalizedTextType) },
    homepage: { type: GraphQLString },
    datasets: {
      type: listOf(DatasetType),
      description: 'Datasets this agency leads or takes part in.',
      resolve: async (a, _args, ctx) =>
        (await ctx.loaders.allDatasets()).filter((s) => s.dataset.agencies.some((x) => x.id === a.id)),
    },
    timeliness: agencyTimelinessField(),
    ...agencyRequestFields(),
  }),
});

interface FieldParent {
  field: FieldDef;
  schema: TableSchema;
}

const FieldType = new GraphQLObjectType<FieldParent>({
  name: 'Field',
  description: 'A public field of a schema version (restricted fields are never listed).',
  fields: {
    name: { type: nonNull(GraphQLString), resolve: (p) => p.field.name },
    graphqlName: { type: nonNull(GraphQLString), resolve: (p) => fieldGraphqlName(p.field) },
    type: { type: nonNull(FieldTypeEnum), resolve: (p) => p.field.type },
    title: { type: nonNull(LocalizedTextType), resolve: (p) => p.field.title },
    description: {
      type: GraphQLString,
      resolve: (p) => [p.field.description?.zh, p.field.description?.en].filter(Boolean).join(' / ') || null,
    },
    unit: { type: GraphQLString, resolve: (p) => p.field.unit ?? null },
    role: { type: nonNull(FieldRoleEnum), resolve: (p) => fieldRole(p.schema, p.field) },
    periodKind: { type: PeriodKindEnum, resolve: (p) => p.field.periodKind ?? null },
    required: { type: nonNull(GraphQLBoolean), resolve: (p) => p.field.constraints?.required === true },
    allowedValues: {
      type: new GraphQLList(nonNull(GraphQLString)),
      description: 'The allowed values, when the schema lists them.',
      resolve: (p) => p.field.constraints?.enum?.map(String) ?? null,
    },
  },
});

const SchemaVersionType = new GraphQLObjectType<SchemaVersion>({
  name: 'SchemaVersion',
  fields: {
    version: { type: nonNull(GraphQLInt) },
    semver: { type: nonNull(GraphQLString) },
    changeLevel: { type: nonNull(GraphQLString), description: 'INITIAL, MAJOR, MINOR or PATCH.' },
    createdAt: { type: nonNull(DateTimeScalar) },
    primaryKey: { type: listOf(GraphQLString), resolve: (v) => v.schema.primaryKey },
    fields: {
      type: listOf(FieldType),
      resolve: (v): FieldParent[] => publicFields(v.schema).map((field) => ({ field, schema: v.schema })),
    },
  },
});

interface ReleaseParent {
  release: ReleaseRecord;
  status: ReleaseStatus;
}

const ReleaseType = new GraphQLObjectType<ReleaseParent>({
  name: 'Release',
  description: "One period's immutable, checksummed data; a correction is a new revision.",
  fields: {
    id: { type: nonNull(GraphQLInt), resolve: (p) => p.release.id },
    period: { type: nonNull(ReportingPeriodType), resolve: (p) => p.release.period },
    revision: { type: nonNull(GraphQLInt), resolve: (p) => p.release.revision },
    schemaVersion: { type: nonNull(GraphQLInt), resolve: (p) => p.release.schemaVersion },
    rowCount: { type: nonNull(GraphQLInt), resolve: (p) => p.release.rowCount },
    sha256: { type: nonNull(GraphQLString), resolve: (p) => p.release.sha256 },
    status: { type: nonNull(ReleaseStatusEnum), resolve: (p) => p.status },
    publishedAt: { type: nonNull(DateTimeScalar), resolve: (p) => p.release.publishAt },
    revisionReason: { type: GraphQLString, resolve: (p) => p.release.revisionReason },
    note: { type: GraphQLString, resolve: (p) => p.release.note },
    interpretation: releaseInterpretationField() as GraphQLFieldConfig<ReleaseParent, unknown>,
    withdrawal: {
      type: WithdrawalType,
      description: 'Set when the release was withdrawn (status WITHDRAWN); null otherwise.',
      resolve: (p) => (p.status === 'withdrawn' ? p.release.withdrawal : null),
    },
  },
});

const ReleaseConnectionType = connectionTypes('Release', ReleaseType, () => ({
  totalCount: { type: nonNull(GraphQLInt) },
}));

const PeriodRangeType = new GraphQLObjectType({
  name: 'PeriodRange',
  fields: { first: { type: ReportingPeriodType }, last: { type: ReportingPeriodType } },
});

// The root field of each dataset lives in the schema being executed; found once per schema.
const rootFields = new WeakMap<GraphQLSchema, Map<string, string>>();

function rootFieldOf(schema: GraphQLSchema, datasetId: string): string | null {
  let map = rootFields.get(schema);
  if (!map) {
    map = new Map();
    for (const [name, f] of Object.entries(schema.getQueryType()?.getFields() ?? {})) {
      const { datasetId, kind } = f.extensions as { datasetId?: unknown; kind?: unknown };
      if (typeof datasetId === 'string' && kind === 'rows') map.set(datasetId, name);
    }
    rootFields.set(schema, map);
  }
  return map.get(datasetId) ?? null;
}

export const DatasetType: GraphQLObjectType<DatasetSummary, GraphQLContext> = new GraphQLObjectType<
  DatasetSummary,
  GraphQLContext
>({
  name: 'Dataset',
  description: 'A periodic statistic an agency must publish, with its legal basis and status mark.',
  fields: (): GraphQLFieldConfigMap<DatasetSummary, GraphQLContext> => ({
    id: { type: nonNull(GraphQLString), resolve: (s) => s.dataset.id },
    title: { type: nonNull(LocalizedTextType), resolve: (s) => s.dataset.title },
    description: { type: nonNull(LocalizedTextType), resolve: (s) => s.dataset.description },
    agencies: {
      type: listOf(AgencyType),
      description: 'Responsible agencies, the lead (牵头) agency first.',
      resolve: (s) => s.dataset.agencies,
    },
    legalBasis: { type: nonNull(GraphQLString), resolve: (s) => s.dataset.legalBasis },
    clause: { type: nonNull(GraphQLString), resolve: (s) => s.dataset.clause },
    citation: {
      type: nonNull(GraphQLString),
      description: 'The legal basis and clause together, e.g. 晋政办发〔2017〕50号 三(五).',
      resolve: (s) => `${s.dataset.legalBasis} ${s.dataset.clause}`,
    },
    cadence: { type: nonNull(CadenceEnum), resolve: (s) => s.dataset.cadence },
    periodKind: { type: nonNull(PeriodKindEnum), resolve: (s) => s.dataset.periodKind },
    status: { type: nonNull(StatusMarkType), resolve: (s) => s.dataset.status },
    requiresInterpretation: {
      type: nonNull(GraphQLBoolean),
      description: 'Releases must come with an interpretation (解读), e.g. 六(三).',
      resolve: (s) => s.dataset.requiresInterpretation === true,
    },
    timeliness: datasetTimelinessField(),
    ...datasetFeedbackField(),
    licence: { type: nonNull(GraphQLString), resolve: (s) => s.dataset.licence },
    themes: { type: listOf(GraphQLString), resolve: (s) => s.dataset.themes },
    tags: { type: listOf(GraphQLString), resolve: (s) => s.dataset.tags },
    sample: {
      type: nonNull(GraphQLBoolean),
      description: 'Synthetic sample data, not official statistics.',
      resolve: (s) => s.dataset.isSample,
    },
    graphqlField: {
      type: GraphQLString,
      description: 'The root query field serving this dataset’s rows (null until it has a schema).',
      resolve: (s, _a, _c, info) => rootFieldOf(info.schema, s.dataset.id),
    },
    rowCount: { type: nonNull(GraphQLInt), resolve: (s) => s.stats.rowCount },
    releaseCount: { type: nonNull(GraphQLInt), resolve: (s) => s.stats.releaseCount },
    periodRange: {
      type: nonNull(PeriodRangeType),
      resolve: (s) => ({ first: s.stats.firstPeriod, last: s.stats.lastPeriod }),
    },
    lastUpdated: { type: DateTimeScalar, resolve: (s) => s.stats.lastUpdated },
    currentSchema: {
      type: SchemaVersionType,
      resolve: (s, _a, ctx) => ctx.loaders.currentSchema.load(s.dataset.id),
    },
    schemaVersions: {
      type: listOf(SchemaVersionType),
      resolve: async (s, _a, ctx) => (await ctx.loaders.snapshot.load(s.dataset.id)).versions,
    },
    releases: {
      type: nonNull(ReleaseConnectionType),
      description:
        'Published releases, superseded revisions and the tombstones of withdrawn ones, by period; embargoed ones never appear.',
      args: { period: { type: PeriodScalar }, ...pageArgs(100) },
      resolve: async (s, args: { period?: string | null; first: number; after?: string | null }, ctx) => {
        const snapshot = await ctx.loaders.snapshot.load(s.dataset.id);
        return sliceConnection(releasesIn(snapshot, { at: ctx.now, period: args.period ?? undefined }), args);
      },
    },
  }),
});

export const DatasetConnectionType = connectionTypes('Dataset', DatasetType, () => ({
  totalCount: { type: nonNull(GraphQLInt) },
}));
