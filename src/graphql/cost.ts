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
  /** Every distinct `first` the operation asks for, after variables and defaults. */
  firsts: Array<{ field: string; value: unknown }>;
  /** Selection nodes the computation looked at: the measure of its own work. */
  visited: number;
}

/**
 * Cost = Σ over list fields of (items asked for × the product of the enclosing lists'
 * sizes). A paged field (one with `first`) counts `first` items; the `edges`/`nodes` lists
 * directly inside it are those same items and add nothing; other object lists count
 * PLAIN_LIST_SIZE. So `datasets(first: 50) { edges { node { releases(first: 100) } } }`
 * costs 50 + 50 × 100. Introspection is free.
 *
 * A selection set's cost scales with the size of the lists around it, so each fragment is
 * costed once per page context, for one enclosing item, and every spread of it multiplies
 * that figure: the work is linear in the document however often fragments spread others.
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
  const firsts = new Map<string, { field: string; value: unknown }>();
  let visited = 0;
  // Apollo hands over the variables as sent; the operation's own defaults fill the gaps.
  const vars: Record<string, unknown> = { ...variables };
  for (const v of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, v.type);
    if (v.defaultValue && type && isInputType(type) && vars[v.variable.name.value] === undefined) {
      vars[v.variable.name.value] = valueFromAST(v.defaultValue, type);
    }
  }
  const root = operation.operation === 'query' ? schema.getQueryType() : schema.getMutationType();
  if (!root) return { cost: 0, firsts: [], visited };

  const costed = new Map<string, number>();
  const entered = new Set<string>();
  const fragmentCost = (name: string, inPage: boolean): number => {
    const key = `${inPage ? 'p' : 'l'}:${name}`;
    const known = costed.get(key);
    if (known !== undefined) return known;
    const f = fragments.get(name);
    const t = f && schema.getType(f.typeCondition.name.value);
    // Cycles are reported by the spec rule NoFragmentCycles; here they just stop.
    if (!f || !t || !isCompositeType(t) || entered.has(key)) return 0;
    entered.add(key);
    const cost = walk(f.selectionSet, t, inPage);
    costed.set(key, cost);
    return cost;
  };

  // The cost of a selection set for one enclosing item.
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, inPage: boolean): number => {
    let cost = 0;
    for (const s of set.selections) {
      visited++;
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const t = s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent;
        if (t && isCompositeType(t)) cost += walk(s.selectionSet, t, inPage);
        continue;
      }
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        cost += fragmentCost(s.name.value, inPage);
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
        firsts.set(`${s.name.value}:${String(value)}`, { field: s.name.value, value });
        size = typeof value === 'number' && value > 0 ? value : 0;
        cost += size;
        pageChildren = true;
      } else if (isListType(getNullableType(def.type)) && isCompositeType(named) && !inPage) {
        size = PLAIN_LIST_SIZE;
        cost += size;
      }
      if (s.selectionSet && isCompositeType(named)) {
        cost += Math.max(size, 1) * walk(s.selectionSet, named, pageChildren);
      }
    }
    return cost;
  };
  const cost = walk(operation.selectionSet, root, false);
  return { cost, firsts: [...firsts.values()], visited };
}
