import {
  GraphQLBoolean,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLOutputType,
} from 'graphql';
import { ValidationError } from '../errors';
import { MAX_LIMIT } from '../query';
import { offsetCursor, offsetFrom } from './cursors';

/** The largest page any list field returns; the same bound as REST's `limit`. */
export const MAX_FIRST = MAX_LIMIT;

export const PageInfoType = new GraphQLObjectType({
  name: 'PageInfo',
  description: 'Relay page information. 分页信息。',
  fields: {
    hasNextPage: {
      type: new GraphQLNonNull(GraphQLBoolean),
      description: 'More items follow. 后面还有数据。',
    },
    hasPreviousPage: {
      type: new GraphQLNonNull(GraphQLBoolean),
      description: 'True when the page was asked for with `after`.',
    },
    startCursor: { type: GraphQLString, description: 'The first item’s cursor. 首项游标。' },
    endCursor: { type: GraphQLString, description: 'The last item’s cursor; pass it as `after`. 末项游标。' },
  },
});

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount?: number;
}

export function pageArgs(defaultFirst: number): GraphQLFieldConfigArgumentMap {
  return {
    first: {
      type: GraphQLInt,
      defaultValue: defaultFirst,
      description: `Page size, 0–${MAX_FIRST}.`,
    },
    after: { type: GraphQLString, description: 'Return items after this cursor (`pageInfo.endCursor`).' },
  };
}

/** Bounds `first` in the resolver too: the cost check may see a variable it could not read. */
export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    throw new ValidationError('invalid_parameter', `first must be an integer from 0 to ${MAX_FIRST}`, {
      parameter: 'first',
      value: first,
      minimum: 0,
      maximum: MAX_FIRST,
    });
  }
  return first;
}

export function connectionTypes(
  name: string,
  node: GraphQLOutputType,
  extraFields: () => Record<string, { type: GraphQLOutputType; description?: string }> = () => ({}),
): GraphQLObjectType {
  const edge = new GraphQLObjectType({
    name: `${name}Edge`,
    description: 'One item of a page with its cursor. 分页中的一项及其游标。',
    fields: {
      cursor: {
        type: new GraphQLNonNull(GraphQLString),
        description: 'Pass as `after` to continue after this item. 作为 after 参数以从此项之后继续。',
      },
      node: { type: new GraphQLNonNull(node) },
    },
  });
  return new GraphQLObjectType({
    name: `${name}Connection`,
    description: 'A page of items (Relay connection). 一页数据（Relay 连接）。',
    fields: () => ({
      edges: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(edge))),
        description: 'The items with their cursors. 各项及其游标。',
      },
      nodes: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(node))),
        description: 'The nodes of `edges`, for clients that need no cursors.',
      },
      pageInfo: { type: new GraphQLNonNull(PageInfoType) },
      ...extraFields(),
    }),
  });
}

/** A connection over a list held in memory or fetched by offset. */
export function offsetConnection<T>(
  items: T[],
  offset: number,
  hasNextPage: boolean,
  totalCount: number,
): Connection<T> {
  const edges = items.map((node, i) => ({ cursor: offsetCursor(offset + i + 1), node }));
  return {
    edges,
    nodes: items,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export function sliceConnection<T>(all: T[], args: { first: number; after?: string | null }): Connection<T> {
  const first = checkFirst(args.first);
  const offset = offsetFrom(args.after);
  return offsetConnection(all.slice(offset, offset + first), offset, offset + first < all.length, all.length);
}
