import { GraphQLObjectType, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import type { Interpretation, ReleaseRecord } from '../catalog';
import { LocalizedTextType } from './common-types';
import type { GraphQLContext } from './context';
import { DateScalar, DateTimeScalar } from './scalars';
import { nonNull } from './wrappers';

const InterpretationTextType = new GraphQLObjectType<Interpretation['body']>({
  name: 'InterpretationText',
  description: 'Markdown as the agency wrote it; render it escaped.',
  fields: { zh: { type: nonNull(GraphQLString) }, en: { type: GraphQLString } },
});

const InterpretationAgencyType = new GraphQLObjectType<Interpretation['agency']>({
  name: 'InterpretationAgency',
  fields: { id: { type: nonNull(GraphQLString) }, name: { type: nonNull(LocalizedTextType) } },
});

export const InterpretationType = new GraphQLObjectType<Interpretation>({
  name: 'Interpretation',
  description: '解读: the author agency’s explanation published with a release (text, a link, or both).',
  fields: {
    agency: { type: nonNull(InterpretationAgencyType) },
    date: { type: nonNull(DateScalar), resolve: (i) => i.publishedOn },
    text: { type: InterpretationTextType, resolve: (i) => (i.body.zh === null ? null : i.body) },
    url: { type: GraphQLString },
    updatedAt: { type: nonNull(DateTimeScalar) },
  },
});

/** `Release.interpretation`, batched per request. */
export function releaseInterpretationField(): GraphQLFieldConfig<{ release: ReleaseRecord }, GraphQLContext> {
  return {
    type: InterpretationType,
    resolve: (p, _a, ctx) => ctx.loaders.interpretations.load(p.release.id),
  };
}
