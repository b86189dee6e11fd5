import {
  GraphQLError,
  type ASTNode,
  type ASTVisitor,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { documentShape } from './document-shape';
import { LIMIT_CODES, LIMITS } from './limits';

type Limited = 'depth' | 'selections' | 'fragmentSpreads' | 'aliases';

const MESSAGE: Record<Limited, (value: number, max: number) => string> = {
  depth: (n, max) => `The query is ${n} levels deep; at most ${max} are allowed`,
  selections: (n, max) =>
    `The query selects ${n} fields once its fragments are expanded; at most ${max} are allowed`,
  fragmentSpreads: (n, max) =>
    `The query spreads fragments ${n} times once they are expanded; at most ${max} are allowed`,
  aliases: (n, max) => `The query uses ${n} aliases; at most ${max} are allowed`,
};

function breach(limit: Limited, value: number, node: ASTNode): GraphQLError {
  return new GraphQLError(MESSAGE[limit](value, LIMITS[limit]), {
    nodes: [node],
    extensions: { code: LIMIT_CODES[limit], [limit]: value, limit: LIMITS[limit] },
  });
}

/**
 * Depth, expanded size and alias limits depend only on the document, so they are one
 * validation rule (and Apollo caches a document once it has passed). The document is
 * measured once, in time linear in its length (see document-shape.ts). The cost limit
 * reads `first`, which may be a variable, so it runs per request instead (see cost.ts).
 */
export const DocumentLimitsRule: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  Document(node) {
    const { operations, aliases } = documentShape(node);
    for (const { node: op, shape } of operations) {
      if (shape.depth > LIMITS.depth) context.reportError(breach('depth', shape.depth, op));
      if (shape.selections > LIMITS.selections)
        context.reportError(breach('selections', shape.selections, op));
      if (shape.spreads > LIMITS.fragmentSpreads)
        context.reportError(breach('fragmentSpreads', shape.spreads, op));
    }
    if (aliases > LIMITS.aliases) context.reportError(breach('aliases', aliases, node.definitions[0]!));
  },
});
