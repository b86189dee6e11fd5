import { GraphQLError, parse, type GraphQLFormattedError } from 'graphql';
import { Lru } from '../cache';
import { documentLimitErrors } from './document-limits';
import { LIMIT_CODES, LIMITS } from './limits';

/** Verdicts kept, by query text; a legitimate client sends the same few documents again and again. */
const MAX_VERDICTS = 2_000;
const MAX_TEXT = 4 * 1024 * 1024;
const PASS: readonly GraphQLFormattedError[] = [];

// graphql-js says so only in words; the integration test pins its wording.
const TOKEN_LIMIT = /more tha[nt] \d+ tokens/;

/**
 * Measures a document before Apollo parses and validates it. The spec's validation rules
 * run together in one pass, so a limit reported by a validation rule would not stop the
 * others (overlapping-fields comparisons are quadratic) from doing their work first; here a
 * document over any limit is refused after one linear pass. A syntax error is left for
 * Apollo to report as usual. Verdicts are kept per query text.
 */
export class DocumentGate {
  private readonly verdicts = new Lru<readonly GraphQLFormattedError[]>(MAX_VERDICTS, MAX_TEXT);

  /** The errors that refuse the document, or none. */
  check(query: string): readonly GraphQLFormattedError[] {
    const known = this.verdicts.get(query);
    if (known) return known;
    const verdict = this.measure(query);
    this.verdicts.set(query, verdict, query.length);
    return verdict;
  }

  private measure(query: string): readonly GraphQLFormattedError[] {
    let document;
    try {
      document = parse(query, { maxTokens: LIMITS.tokens, noLocation: false });
    } catch (err) {
      if (!(err instanceof GraphQLError) || !TOKEN_LIMIT.test(err.message)) return PASS;
      return [
        {
          message: `The document has more than ${LIMITS.tokens} tokens; parsing stopped there`,
          ...(err.locations ? { locations: err.locations } : {}),
          extensions: { code: LIMIT_CODES.tokens, limit: LIMITS.tokens },
        },
      ];
    }
    const errors = documentLimitErrors(document);
    return errors.length === 0 ? PASS : errors.map((e) => e.toJSON());
  }
}
