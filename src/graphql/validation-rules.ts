import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { LIMIT_CODES, LIMITS } from './limits';

/**
 * Depth and alias limits depend only on the document, so they are validation rules (and
 * Apollo caches a document once it has passed them). The cost limit reads `first`, which
 * may be a variable, so it runs per request instead (see cost.ts).
 */
export function selectionDepth(
  set: SelectionSetNode,
  fragment: (name: string) => FragmentDefinitionNode | undefined | null,
  visiting: Set<string> = new Set(),
): number {
  let max = 0;
  for (const s of set.selections) {
    let d = 0;
    if (s.kind === Kind.FIELD) {
      // Introspection (GraphiQL's schema query nests ofType deeply) is not data.
      if (s.name.value.startsWith('__')) continue;
      d = 1 + (s.selectionSet ? selectionDepth(s.selectionSet, fragment, visiting) : 0);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      d = selectionDepth(s.selectionSet, fragment, visiting);
    } else {
      const def = fragment(s.name.value);
      // Fragment cycles are reported by the spec rule NoFragmentCycles; here they just stop.
      if (!def || visiting.has(def.name.value)) continue;
      visiting.add(def.name.value);
      d = selectionDepth(def.selectionSet, fragment, visiting);
      visiting.delete(def.name.value);
    }
    max = Math.max(max, d);
  }
  return max;
}

export const DepthLimitRule: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  OperationDefinition(node) {
    const depth = selectionDepth(node.selectionSet, (n) => context.getFragment(n));
    if (depth > LIMITS.depth) {
      context.reportError(
        new GraphQLError(`The query is ${depth} levels deep; at most ${LIMITS.depth} are allowed`, {
          nodes: [node],
          extensions: { code: LIMIT_CODES.depth, depth, limit: LIMITS.depth },
        }),
      );
    }
  },
});

export const AliasLimitRule: ValidationRule = (context: ValidationContext): ASTVisitor => {
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias) aliases++;
    },
    Document: {
      leave(node) {
        if (aliases > LIMITS.aliases) {
          context.reportError(
            new GraphQLError(`The query uses ${aliases} aliases; at most ${LIMITS.aliases} are allowed`, {
              nodes: [node.definitions[0]!],
              extensions: { code: LIMIT_CODES.aliases, aliases, limit: LIMITS.aliases },
            }),
          );
        }
      },
    },
  };
};
