import type { Request } from 'express';
import { Lru } from '../../cache';
import type { ReleaseScope } from '../../query';
import type { Dataset, SchemaVersion } from '../../catalog';
import type { InstantTemplate } from '../instant-template';
import { queryOf } from '../params';

const MAX_ENTRIES = 1_000;
/** Bound on the cached `data` members' UTF-8 bytes, the bulk of what an entry holds. */
const MAX_BYTES = 16 * 1024 * 1024;
/** A larger answer is not kept, so one 10,000-row page cannot push out a hundred small ones. */
const MAX_ENTRY_BYTES = 1024 * 1024;
/** Bound on the remembered query strings and their canonical forms, in characters: URLs are the client's. */
const MAX_CANONICAL_CHARS = 2 * 1024 * 1024;

/**
 * Parameters that only choose which published state is read. The scope they resolve to is
 * in the key as its schema version and data version, so two `asOf` instants that see the
 * same releases (a citation URL and the latest state, say) share one entry.
 */
const SCOPE_PARAMETERS: ReadonlySet<string> = new Set(['asOf', 'revision', 'release', 'schemaVersion']);

/** What is kept of a data answer: everything that does not depend on the instant it is read. */
export interface CachedAnswer {
  /** The answer's `data` member as UTF-8 JSON. */
  data: Buffer;
  /** The `meta` members that come from the rows (fields, counts); the scope's are added per request. */
  meta: Record<string, unknown>;
  /** Rows only: the next page's cursor, or null on the last page. */
  nextCursor?: string | null;
  /**
   * The rest of the last answer sent from this entry, cut around its instant: the next hit
   * for the same URL and the same catalog state (the same snapshot objects) only fills in
   * the instant it is served at.
   */
  rendered?: RenderedTail;
}

export interface RenderedTail {
  readonly url: string;
  readonly dataset: Dataset;
  readonly version: SchemaVersion;
  readonly lastModified: number | undefined;
  readonly template: InstantTemplate;
}

/**
 * The rendered tail of `answer` for this URL and scope, if it was rendered for exactly them
 * (the data version needs no check: it is part of the key the answer was found by).
 */
export function renderedFor(
  answer: CachedAnswer,
  url: string,
  scope: ReleaseScope,
): InstantTemplate | undefined {
  const r = answer.rendered;
  return r &&
    r.url === url &&
    r.dataset === scope.dataset &&
    r.version === scope.version &&
    r.lastModified === scope.lastModified?.getTime()
    ? r.template
    : undefined;
}

/**
 * Answers of the data endpoints (rows, aggregate), kept in memory: the same idea as the
 * GraphQL response cache. Releases are immutable, so an answer can only change when the
 * set of releases it reads (the scope's data version) or the schema version read changes:
 * a publish, a revision, an embargo lifting or a new schema version. The key holds both, so
 * the first request after any of those misses by construction and nothing is invalidated.
 * The scope is resolved for every request (a cached snapshot, no data read), which also
 * keeps `asOf`, the citation and the validators of a hit those of the instant it is served.
 */
export class RestResponseCache {
  private readonly lru = new Lru<CachedAnswer>(MAX_ENTRIES, MAX_BYTES);
  /** Query string → its parameters in canonical order: a URL asked again is not sorted again. */
  private readonly canonical = new Lru<string>(MAX_ENTRIES, MAX_CANONICAL_CHARS);

  /**
   * The endpoint, the state read and the request's parameters in a canonical order. Filters
   * are ANDed and every other parameter may be given once, so the order of the parameters
   * never changes an answer (cursors are bound to the filters' meaning, not their order).
   */
  key(endpoint: string, scope: ReleaseScope, req: Request): string {
    const query = req.url.slice(req.url.indexOf('?') + 1 || req.url.length);
    let params = this.canonical.get(query);
    if (params === undefined) {
      const pairs: Array<[string, string]> = [];
      for (const [name, value] of Object.entries(queryOf(req))) {
        if (SCOPE_PARAMETERS.has(name)) continue;
        for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, String(v)]);
      }
      pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
      params = JSON.stringify(pairs);
      this.canonical.set(query, params, query.length + params.length);
    }
    return JSON.stringify([endpoint, scope.dataset.id, scope.version.id, scope.dataVersion, params]);
  }

  get(key: string): CachedAnswer | undefined {
    return this.lru.get(key);
  }

  set(key: string, answer: CachedAnswer): void {
    if (answer.data.length <= MAX_ENTRY_BYTES) this.lru.set(key, answer, answer.data.length);
  }
}
