import type { FieldNode, GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { allowsAggregate, type FieldDef } from '../schemas';
import {
  AGGREGATE_FUNCS,
  aggregateRows,
  queryRows,
  type RawAggregateQuery,
  type RawRowQuery,
} from '../query';
import { checkFirst, type Connection, type Edge } from './connection';
import type { GraphQLContext } from './context';
import { rowAnchor, rowCursor } from './cursors';
import type { DatasetBinding } from './field-bindings';
import { rawFilters, type FieldFilterInput } from './filters';
import { selectedNames } from './selection';

type Row = Record<string, unknown>;

/** What a rows field's selection asks of the query module. */
interface Selection {
  fields: string[];
  includeTotal: boolean;
  /** Whether any cursor is selected (an edge's, or pageInfo's start or end). */
  cursors: boolean;
}

interface CommonArgs {
  filter?: Record<string, FieldFilterInput | null> | null;
  search?: string | null;
  asOf?: Date | null;
  revision?: number | null;
  release?: number | null;
  schemaVersion?: number | null;
  first: number;
}

interface RowsArgs extends CommonArgs {
  orderBy?: string[] | null;
  after?: string | null;
}

interface AggregateArgs extends CommonArgs {
  groupBy?: string[] | null;
}

/** The GraphQL arguments as the query module's shared request shape (the same as REST's). */
function common(b: DatasetBinding, args: CommonArgs) {
  const byGql = new Map(b.fields.map((f) => [f.gqlName, f.def.name]));
  return {
    filters: rawFilters(args.filter, (g) => byGql.get(g) ?? g),
    q: args.search ?? undefined,
    asOf: args.asOf ?? undefined,
    revision: args.revision ?? undefined,
    releaseId: args.release ?? undefined,
    schemaVersion: args.schemaVersion ?? undefined,
  };
}

export function resolveRows(b: DatasetBinding): GraphQLFieldResolver<unknown, GraphQLContext, RowsArgs> {
  const id = b.dataset.id;
  const gqlNames = new Map(b.fields.map((f) => [f.def.name, f.gqlName]));
  const keyOf = (f: FieldDef) => gqlNames.get(f.name) ?? f.name;
  const analyse = (info: GraphQLResolveInfo): Selection => {
    const wanted = new Set([...selectedNames(info, ['edges', 'node']), ...selectedNames(info, ['nodes'])]);
    const fields = b.fields.filter((f) => wanted.has(f.gqlName)).map((f) => f.def.name);
    const top = selectedNames(info);
    const pageInfo = selectedNames(info, ['pageInfo']);
    return {
      fields: fields.length > 0 ? fields : [b.periodName],
      includeTotal: top.has('totalCount') || top.has('totalCountExact'),
      cursors:
        selectedNames(info, ['edges']).has('cursor') ||
        pageInfo.has('startCursor') ||
        pageInfo.has('endCursor'),
    };
  };
  // A selection belongs to the parsed document, which Apollo keeps and reuses, so it is
  // analysed once per field node (not per request); merged fields are analysed each time.
  const selections = new WeakMap<FieldNode, Selection>();
  const selectionOf = (info: GraphQLResolveInfo): Selection => {
    const [node, ...more] = info.fieldNodes;
    if (!node || more.length > 0) return analyse(info);
    let selection = selections.get(node);
    if (!selection) selections.set(node, (selection = analyse(info)));
    return selection;
  };
  return async (_root, args, ctx, info) => {
    const first = checkFirst(args.first);
    const { fields, includeTotal, cursors } = selectionOf(info);
    const base: Omit<RawRowQuery, 'limit'> = {
      ...common(b, args),
      sort: args.orderBy?.length ? args.orderBy.join(',') : undefined,
      fields,
      includeTotal,
    };
    let { keyset, skip } = rowAnchor(args.after);
    let exhausted = false;
    if (skip > 0) {
      // An inner edge's cursor: step over `skip` rows to find the keyset position after it.
      const hop = await queryRows(
        ctx.db,
        id,
        { ...base, fields: [b.periodName], includeTotal: false, limit: skip, cursor: keyset },
        ctx.now,
      );
      exhausted = hop.nextCursor === null;
      keyset = hop.nextCursor ?? keyset;
      skip = 0;
    }
    const page = await queryRows(
      ctx.db,
      id,
      { ...base, limit: Math.max(first, 1), cursor: keyset, withCursor: cursors },
      ctx.now,
      keyOf,
    );
    const rows = exhausted || first === 0 ? [] : page.rows;
    const cursorAt = (i: number) =>
      i === rows.length - 1 && page.nextCursor ? page.nextCursor : rowCursor(keyset, i + 1);
    // Edges (one cursor per row) are only built when a query asks for them; most ask for nodes.
    let edges: Edge<Row>[] | undefined;
    const connection: Connection<Row> & { totalCountExact?: boolean; meta: unknown } = {
      get edges() {
        return (edges ??= rows.map((node, i) => ({ node, cursor: cursorAt(i) })));
      },
      nodes: rows,
      pageInfo: {
        hasNextPage: !exhausted && (first === 0 ? page.rows.length > 0 : page.hasMore),
        hasPreviousPage: args.after !== undefined && args.after !== null,
        get startCursor() {
          return rows.length > 0 ? cursorAt(0) : null;
        },
        get endCursor() {
          return rows.length > 0 ? cursorAt(rows.length - 1) : null;
        },
      },
      totalCount: page.total?.value,
      totalCountExact: page.total?.exact,
      meta: page.scope,
    };
    return connection;
  };
}

export function resolveAggregate(
  b: DatasetBinding,
): GraphQLFieldResolver<unknown, GraphQLContext, AggregateArgs> {
  return async (_root, args, ctx, info) => {
    const first = checkFirst(args.first);
    const top = selectedNames(info);
    const measures: RawAggregateQuery['measures'] = {};
    for (const fn of AGGREGATE_FUNCS) {
      if (!top.has(fn)) continue;
      const names = selectedNames(info, [fn]);
      const fit = b.fields.filter((f) => names.has(f.gqlName) && allowsAggregate(f.def.type, fn));
      if (fit.length > 0) measures[fn] = fit.map((f) => f.def.name);
    }
    const result = await aggregateRows(
      ctx.db,
      b.dataset.id,
      {
        ...common(b, args),
        groupBy: args.groupBy ?? [],
        measures,
        // The domain needs at least one statistic; a keys-only query counts.
        count: top.has('count') || Object.keys(measures).length === 0,
        limit: Math.max(first, 1),
      },
      ctx.now,
    );
    if (result.truncated || result.groups.length > first) {
      ctx.warnings.push(
        `${info.path.key}: only the first ${first} groups are returned; raise first or narrow the filter`,
      );
    }
    return result.groups.slice(0, first);
  };
}
