import { GraphQLBoolean, GraphQLInt, GraphQLObjectType, GraphQLString } from 'graphql';
import type { ReleaseScope } from '../query';
import { DatasetStatusEnum } from './catalog-types';
import { DateTimeScalar } from './scalars';
import { nonNull } from './wrappers';

/** What a data answer says about itself, like REST's `meta`: which versions were read as of when. */
export const DataMetaType = new GraphQLObjectType<ReleaseScope>({
  name: 'DataMeta',
  fields: {
    datasetId: { type: nonNull(GraphQLString), resolve: (s) => s.dataset.id },
    schemaVersion: { type: nonNull(GraphQLInt), resolve: (s) => s.version.version },
    schemaSemver: { type: nonNull(GraphQLString), resolve: (s) => s.version.semver },
    dataVersion: {
      type: nonNull(GraphQLString),
      description: 'Identifies exactly the set of releases read.',
      resolve: (s) => s.dataVersion,
    },
    asOf: { type: nonNull(DateTimeScalar), resolve: (s) => s.asOf },
    lastModified: { type: DateTimeScalar, resolve: (s) => s.lastModified },
    releaseCount: { type: nonNull(GraphQLInt), resolve: (s) => s.releases.length },
    datasetStatus: { type: nonNull(DatasetStatusEnum), resolve: (s) => s.dataset.status.status },
    datasetStatusLabel: { type: nonNull(GraphQLString), resolve: (s) => s.dataset.status.label },
    sample: { type: nonNull(GraphQLBoolean), resolve: (s) => s.dataset.isSample },
    citation: {
      type: nonNull(GraphQLString),
      description:
        'How to cite this answer; with asOf and dataVersion the same numbers can be fetched again.',
      resolve: (s) => {
        const d = s.dataset;
        const agency = d.agencies[0]?.name.zh ?? '';
        return `${agency}. ${d.title.zh} / ${d.title.en} (${d.id}), schema ${s.version.semver}, data version ${s.dataVersion}, as of ${s.asOf.toISOString()}. ${d.legalBasis} ${d.clause}.`;
      },
    },
  },
});
