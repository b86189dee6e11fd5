import { GraphQLObjectType, GraphQLString, GraphQLEnumType } from 'graphql';
import { CADENCES, DATASET_STATUSES } from '../catalog';
import { PERIOD_KINDS, parsePeriod, periodLabelEn, periodLabelZh } from '../periods';
import { DateScalar, PeriodScalar } from './scalars';
import { nonNull } from './wrappers';

/** Enum values are UPPER_CASE in GraphQL and keep the domain's own spelling as their value. */
export function domainEnum(name: string, values: readonly string[], description?: string) {
  return new GraphQLEnumType({
    name,
    description,
    values: Object.fromEntries(values.map((v) => [v.toUpperCase(), { value: v }])),
  });
}

export const CadenceEnum = domainEnum('Cadence', CADENCES, '发布周期 / publication cadence.');
export const PeriodKindEnum = domainEnum('PeriodKind', PERIOD_KINDS, 'The grain of a reporting period.');
export const DatasetStatusEnum = domainEnum(
  'DatasetStatus',
  DATASET_STATUSES,
  'ACTIVE (有效), REPEALED (废止) or EXPIRED (失效).',
);

export const LocalizedTextType = new GraphQLObjectType({
  name: 'LocalizedText',
  fields: { zh: { type: nonNull(GraphQLString) }, en: { type: nonNull(GraphQLString) } },
});

export const ReportingPeriodType = new GraphQLObjectType<string>({
  name: 'ReportingPeriod',
  description: 'A period with its labels, e.g. 2017-W19 = 2017年第19周.',
  fields: {
    id: { type: nonNull(PeriodScalar), resolve: (p) => p },
    kind: { type: nonNull(PeriodKindEnum), resolve: (p) => parsePeriod(p).kind },
    label: {
      type: nonNull(LocalizedTextType),
      resolve: (p) => ({ zh: periodLabelZh(parsePeriod(p)), en: periodLabelEn(parsePeriod(p)) }),
    },
  },
});

export const StatusMarkType = new GraphQLObjectType({
  name: 'DatasetStatusMark',
  description:
    'Whether the obligation still stands: 有效, 废止 (repealed) or 失效 (expired), with when and why.',
  fields: {
    status: { type: nonNull(DatasetStatusEnum) },
    label: { type: nonNull(GraphQLString), description: '有效, 废止 or 失效.' },
    date: { type: DateScalar },
    reason: { type: GraphQLString },
  },
});
