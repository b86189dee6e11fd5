import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation } from '@apollo/server';
import { Kind, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import type { Knex } from 'knex';
import { resolveScope } from '../query';
import type { GraphQLContext } from './context';
import { Lru } from '../cache';
import { schemaId } from './schema-id';

const MAX_ENTRIES = 1_000;
/** Bound on the stored answers' bytes and keys' characters together. */
const MAX_SIZE = 16 * 1024 * 1024;

type Ctx = GraphQLRequestContextResponseForOperation<GraphQLContext>;

/** One query's answer, exactly as Apollo sent it, and the state it was computed from. */
export interface StoredAnswer {
  readonly datasetIds: readonly string[];
  /** Each dataset's data version, schema version and last catalog update when it was computed. */
  readonly stamps: string;
  /** The schema object it was executed against (schemaId). */
  readonly schema: string;
  /** The operation as Apollo resolved it (a lone named operation names itself), for the metrics. */
  readonly operationName: string | null;
  /** The response body: Apollo's JSON of `{ data, extensions }` and its trailing newline. */
  readonly body: Buffer;
}

/** What identifies a single GraphQL request's answer, besides the state it reads. */
export interface CacheableRequest {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

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

/** The state an answer depends on: each dataset's visible releases, schema version and catalog entry. */
async function stampsOf(knex: Knex, ids: readonly string[], now: Date): Promise<string> {
  const stamps = await Promise.all(
    ids.map(async (id) => {
      const s = await resolveScope(knex, id, {}, now);
      return `${id}@${s.version.version}:${s.dataVersion}:${s.dataset.updatedAt}`;
    }),
  );
  return stamps.join('|');
}

/**
 * Answers of identical data queries, kept as the bytes Apollo sent. Releases are immutable,
 * so an answer can only change when the set of visible releases (the dataVersion) of a
 * dataset it reads changes: a publish, a revision, a schema version, or an embargo lifting.
 * An answer is kept with each touched dataset's stamp at the time it was computed and is
 * served only while every stamp is still current, so nothing needs invalidating. The state
 * as of a past instant (`asOf`) can only change when a release is added with an earlier
 * publishAt, which changes the latest state too, so asOf queries are kept the same way.
 * Catalog queries (datasets, agencies) are cheap and are not kept. Introspection is not
 * cheap (the schema has a type per dataset) and changes only with the schema, which each
 * answer names.
 *
 * A stored answer is looked up before Apollo sees the request (router.ts): a repeated query
 * needs no parsing, validation or execution, and its bytes are sent as they are.
 */
export class GraphQLResponseCache {
  private readonly lru = new Lru<StoredAnswer>(MAX_ENTRIES, MAX_SIZE);

  /** Variables are part of the text: two requests share an answer only if they say the same. */
  static keyOf(request: CacheableRequest): string {
    return JSON.stringify([request.query, request.operationName ?? null, request.variables ?? null]);
  }

  /** The stored answer for `key`, if it was computed from the state that is current now. */
  async current(
    key: string,
    schema: GraphQLSchema | undefined,
    knex: Knex,
    now: Date,
  ): Promise<StoredAnswer | undefined> {
    const stored = this.lru.get(key);
    if (!stored || !schema || schemaId(schema) !== stored.schema) return undefined;
    try {
      return (await stampsOf(knex, stored.datasetIds, now)) === stored.stamps ? stored : undefined;
    } catch {
      return undefined; // a dataset gone or unreadable: Apollo answers with the error
    }
  }

  /** Keeps an answer computed by Apollo (the plugin below). */
  store(key: string, answer: StoredAnswer): void {
    this.lru.set(key, answer, answer.body.length + key.length);
  }

  /**
   * Stores the answers that a lookup can serve later: a query over datasets (or
   * introspection) that succeeded. The stamps are read before the operation runs, so an
   * answer computed while a release was published is kept under the older state and is
   * never served for the newer one.
   */
  plugin(onMiss: () => void = () => undefined): ApolloServerPlugin<GraphQLContext> {
    return {
      requestDidStart: async () => {
        let pending: { key: string; datasetIds: string[]; stamps: string } | undefined;
        return {
          responseForOperation: async (rc) => {
            const datasetIds = datasetsOf(rc);
            if (!datasetIds) return null;
            let stamps: string;
            try {
              stamps = await stampsOf(rc.contextValue.knex, datasetIds, rc.contextValue.now);
            } catch {
              return null; // let execution report the error
            }
            onMiss();
            const { query, operationName, variables } = rc.request;
            if (query !== undefined) {
              pending = {
                key: GraphQLResponseCache.keyOf({ query, operationName, variables }),
                datasetIds,
                stamps,
              };
            }
            return null;
          },
          willSendResponse: async (rc) => {
            if (!pending || rc.response.body.kind !== 'single') return;
            const result = rc.response.body.singleResult;
            if (result.errors?.length || (rc.response.http.status ?? 200) !== 200) return;
            rc.response.http.headers.set('x-graphql-cache', 'miss');
            // Apollo's own serialisation (runHttpQuery's orderExecutionResultFields and
            // prettyJSONStringify), so a stored answer is the same bytes as a computed one.
            const text = `${JSON.stringify({ errors: undefined, data: result.data, extensions: result.extensions })}\n`;
            this.store(pending.key, {
              datasetIds: pending.datasetIds,
              stamps: pending.stamps,
              schema: schemaId(rc.schema),
              operationName: rc.operationName ?? null,
              body: Buffer.from(text, 'utf8'),
            });
          },
        };
      },
    };
  }
}
