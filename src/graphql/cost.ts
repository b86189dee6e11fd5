import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputType,
  isListType,
  isObjectType,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  typeFromAST,
} from 'graphql';

/** A list of objects that takes no `first` (agencies, fields, versions) is assumed this long. */
export const PLAIN_LIST_SIZE = 20;

export interface CostReport {
  cost: number;
  /** Every `first` the operation asks for, after variables and defaults. */
  firsts: Array<{ field: string; value: unknown }>;
}

/**
 * Cost = Σ over list fields of (items asked for × the product of the enclosing lists'
 * sizes). A paged field (one with `first`) counts `first` items; the `edges`/`nodes` lists
 * directly inside it are those same items and add nothing; other object lists count
 * PLAIN_LIST_SIZE. So `datasets(first: 50) { edges { node { releases(first: 100) } } }`
 * costs 50 + 50 × 100. Introspection is free.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): CostReport {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const firsts: CostReport['firsts'] = [];
  // Apollo hands over the variables as sent; the operation's own defaults fill the gaps.
  const vars: Record<string, unknown> = { ...variables };
  for (const v of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, v.type);
    if (v.defaultValue && type && isInputType(type) && vars[v.variable.name.value] === undefined) {
      vars[v.variable.name.value] = valueFromAST(v.defaultValue, type);
    }
  }
  const root = operation.operation === 'query' ? schema.getQueryType() : schema.getMutationType();
  if (!root) return { cost: 0, firsts };

  const walk = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    multiplier: number,
    inPage: boolean,
    visiting: Set<string>,
  ): number => {
    let cost = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const t = s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent;
        if (t && isCompositeType(t)) cost += walk(s.selectionSet, t, multiplier, inPage, visiting);
        continue;
      }
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(s.name.value);
        const t = f && schema.getType(f.typeCondition.name.value);
        if (!f || !t || !isCompositeType(t) || visiting.has(f.name.value)) continue;
        cost += walk(f.selectionSet, t, multiplier, inPage, new Set(visiting).add(f.name.value));
        continue;
      }
      if (s.name.value.startsWith('__') || !isObjectType(parent)) continue;
      const def = parent.getFields()[s.name.value];
      if (!def) continue;
      const named = getNamedType(def.type);
      const firstArg = def.args.find((a) => a.name === 'first');
      let size = 1;
      let pageChildren = false;
      if (firstArg) {
        const node = s.arguments?.find((a) => a.name.value === 'first');
        const value = (node && valueFromAST(node.value, firstArg.type, vars)) ?? firstArg.defaultValue;
        firsts.push({ field: s.name.value, value });
        size = typeof value === 'number' && value > 0 ? value : 0;
        cost += multiplier * size;
        pageChildren = true;
      } else if (isListType(getNullableType(def.type)) && isCompositeType(named) && !inPage) {
        size = PLAIN_LIST_SIZE;
        cost += multiplier * size;
      }
      if (s.selectionSet && isCompositeType(named)) {
        cost += walk(s.selectionSet, named, multiplier * Math.max(size, 1), pageChildren, visiting);
      }
    }
    return cost;
  };
  return { cost: walk(operation.selectionSet, root, 1, false, new Set()), firsts };
}
