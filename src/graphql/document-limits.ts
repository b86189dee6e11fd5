import { GraphQLError, type ASTNode, type DocumentNode } from 'graphql';
import { documentShape } from './document-shape';
import { LIMIT_CODES, LIMITS } from './limits';

type Limited = 'depth' | 'selections' | 'fragmentSpreads' | 'repeats' | 'aliases';

function breach(limit: Limited, value: number, node: ASTNode, message: string): GraphQLError {
  return new GraphQLError(`${message}; at most ${LIMITS[limit]} are allowed`, {
    nodes: [node],
    extensions: { code: LIMIT_CODES[limit], [limit]: value, limit: LIMITS[limit] },
  });
}

/**
 * The limits that depend on the document alone: depth, size once fragments are expanded,
 * repeated fields and aliases. The document is measured once, in time linear in its
 * length (see document-shape.ts). The cost limit reads `first`, which may be a variable,
 * so it is checked per request instead (see plugins.ts).
 */
export function documentLimitErrors(document: DocumentNode): GraphQLError[] {
  const { operations, aliases } = documentShape(document);
  const errors: GraphQLError[] = [];
  for (const { node, shape } of operations) {
    if (shape.depth > LIMITS.depth)
      errors.push(breach('depth', shape.depth, node, `The query is ${shape.depth} levels deep`));
    if (shape.selections > LIMITS.selections)
      errors.push(
        breach(
          'selections',
          shape.selections,
          node,
          `The query selects ${shape.selections} fields once its fragments are expanded`,
        ),
      );
    if (shape.spreads > LIMITS.fragmentSpreads)
      errors.push(
        breach(
          'fragmentSpreads',
          shape.spreads,
          node,
          `The query spreads fragments ${shape.spreads} times once they are expanded`,
        ),
      );
    if (shape.repeats > LIMITS.repeats)
      errors.push(
        breach(
          'repeats',
          shape.repeats,
          node,
          `The query selects "${shape.repeated}" ${shape.repeats} times in one selection set (they merge into one answer)`,
        ),
      );
  }
  if (aliases > LIMITS.aliases)
    errors.push(breach('aliases', aliases, document.definitions[0]!, `The query uses ${aliases} aliases`));
  return errors;
}
