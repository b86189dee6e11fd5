import { createHash } from 'node:crypto';
import {
  HeaderMap,
  type ApolloServerPlugin,
  type GraphQLRequestContextResponseForOperation,
} from '@apollo/server';
import { Kind, type FormattedExecutionResult, type SelectionSetNode } from 'graphql';
import { resolveScope } from '../query';
import type { GraphQLContext } from './context';
import { Lru } from '../cache';
import { schemaId } from './schema-id';

const MAX_ENTRIES = 1_000;
/** Bound on the answers' total JSON length; the objects held in memory take a few times that. */
const MAX_CHARS = 8 * 1024 * 1024;

type Result = FormattedExecutionResult;
type Ctx = GraphQLRequestContextResponseForOperation<GraphQLContext>;

const INTROSPECTION: ReadonlySet<string> = new Set(['__schema', '__type', '__typename']);

/**
 * Dataset ids behind the operation's root fields; none for an introspection query, whose
 * answer depends on the schema alone; undefined if any root field is neither.
 */
function datasetsOf(rc: Ctx): string[] | undefined {
  const op = rc.operation;
  const query = rc.schema.getQueryType();
  if (op.operation !== 'query' || !query) return undefined;
  const fragments = new Map(
    rc.document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  const ids = new Set<string>();
  const seen = new Set<string>();
  let introspection = false;
  const walk = (set: SelectionSetNode): boolean =>
    set.selections.every((s) => {
      if (s.kind === Kind.INLINE_FRAGMENT) return walk(s.selectionSet);
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        if (seen.has(s.name.value)) return true;
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        return f ? walk(f.selectionSet) : false;
      }
      if (INTROSPECTION.has(s.name.value)) {
        introspection ||= s.name.value !== '__typename';
        return true;
      }
      const id = query.getFields()[s.name.value]?.extensions.datasetId;
      if (typeof id !== 'string') return false;
      ids.add(id);
      return true;
    });
  return walk(op.selectionSet) && (ids.size > 0 || introspection) ? [...ids].sort() : undefined;
}

/**
 * Answers identical data queries from memory. Releases are immutable, so an answer can
 * only change when the set of visible releases (the dataVersion) of a dataset it reads
 * changes: a publish, a revision, a schema version, or an embargo lifting. The key holds
 * each touched dataset's current dataVersion, schema version and last catalog update, so
 * the first query after any of those misses by construction and nothing needs invalidating.
 * The state as of a past instant (`asOf`) can only change when a release is added with an
 * earlier publishAt, which changes the latest state too, so asOf queries are keyed the same way.
 * Catalog queries (datasets, agencies) are cheap and are not cached. Introspection is not
 * cheap (the schema has a type per dataset) and changes only with the schema, which the
 * key holds.
 */
export function responseCachePlugin(
  onLookup: (hit: boolean) => void = () => undefined,
): ApolloServerPlugin<GraphQLContext> {
  const cache = new Lru<Result>(MAX_ENTRIES, MAX_CHARS);
  return {
    async requestDidStart() {
      let key: string | undefined;
      let hit = false;
      return {
        async responseForOperation(rc) {
          const ids = datasetsOf(rc);
          if (!ids) return null;
          const { knex, now } = rc.contextValue;
          let versions: string[];
          try {
            versions = await Promise.all(
              ids.map(async (id) => {
                const s = await resolveScope(knex, id, {}, now);
                return `${id}@${s.version.version}:${s.dataVersion}:${s.dataset.updatedAt}`;
              }),
            );
          } catch {
            return null; // let execution report the error
          }
          key = createHash('sha256')
            .update(
              JSON.stringify([
                schemaId(rc.schema),
                rc.queryHash,
                rc.operationName,
                rc.request.variables,
                versions,
              ]),
            )
            .digest('base64url');
          const cached = cache.get(key);
          onLookup(cached !== undefined);
          if (!cached) return null;
          hit = true;
          return {
            http: { status: undefined, headers: new HeaderMap([['x-graphql-cache', 'hit']]) },
            body: { kind: 'single', singleResult: cached },
          };
        },
        async willSendResponse(rc) {
          if (!key || hit || rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          if (result.errors?.length) return;
          rc.response.http.headers.set('x-graphql-cache', 'miss');
          cache.set(key, result, JSON.stringify(result).length);
        },
      };
    },
  };
}
