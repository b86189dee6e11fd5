import { GraphQLList, GraphQLNonNull, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import {
  findAgency,
  getDatasetSummary,
  listAgencies,
  searchDatasets,
  type Cadence,
  type DatasetStatus,
} from '../catalog';
import {
  AgencyType,
  CadenceEnum,
  DatasetConnectionType,
  DatasetStatusEnum,
  DatasetType,
} from './catalog-types';
import { checkFirst, offsetConnection, pageArgs } from './connection';
import type { GraphQLContext } from './context';
import { offsetFrom } from './cursors';
import { timelinessRankingField } from './timeliness-types';
import { feedbackQueryFields } from './feedback-types';
import { requestQueryFields } from './request-types';

interface DatasetsArgs {
  search?: string | null;
  agency?: string | null;
  cadence?: Cadence | null;
  status?: DatasetStatus | null;
  first: number;
  after?: string | null;
}

/** The catalog half of Query: the same services as GET /api/v1/agencies and /datasets. */
export const catalogQueryFields: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  timelinessRanking: timelinessRankingField(),
  agencies: {
    type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(AgencyType))),
    resolve: (_r, _a, ctx) => listAgencies(ctx.knex),
  },
  agency: {
    type: AgencyType,
    args: { id: { type: new GraphQLNonNull(GraphQLString) } },
    resolve: async (_r, args: { id: string }, ctx) => (await findAgency(ctx.knex, args.id)) ?? null,
  },
  datasets: {
    type: new GraphQLNonNull(DatasetConnectionType),
    description:
      'Search the catalog. `search` matches Chinese and English titles, descriptions, tags, agencies and field titles (e.g. 粮食).',
    args: {
      search: { type: GraphQLString },
      agency: { type: GraphQLString, description: 'An agency id, e.g. sx-agriculture.' },
      cadence: { type: CadenceEnum },
      status: { type: DatasetStatusEnum },
      ...pageArgs(50),
    },
    resolve: async (_r, args: DatasetsArgs, ctx) => {
      const first = checkFirst(args.first);
      const offset = offsetFrom(args.after);
      const { items, total } = await searchDatasets(
        ctx.knex,
        {
          q: args.search?.trim() || undefined,
          agency: args.agency || undefined,
          cadence: args.cadence ?? undefined,
          status: args.status ?? undefined,
          // One extra row is not needed: the total says whether more follow.
          limit: Math.max(first, 1),
          offset,
        },
        ctx.now,
      );
      return offsetConnection(items.slice(0, first), offset, offset + first < total, total);
    },
  },
  dataset: {
    type: DatasetType,
    description: 'One dataset by id (e.g. agri-prices); a NOT_FOUND error when there is none.',
    args: { id: { type: new GraphQLNonNull(GraphQLString) } },
    resolve: (_r, args: { id: string }, ctx) => getDatasetSummary(ctx.knex, args.id, ctx.now),
  },
  ...requestQueryFields,
  ...feedbackQueryFields,
};
