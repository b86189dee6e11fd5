import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Names of the fields selected directly inside `sets`, through fragments and inline
 * fragments, merged over aliases. Used to ask the domain only for what a query reads
 * (projected columns, requested measures, whether to count).
 */
function fieldsIn(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[]): FieldNode[] {
  const out: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const frag = info.fragments[s.name.value];
        if (frag) walk(frag.selectionSet);
      }
    }
  };
  sets.forEach(walk);
  return out;
}

/** Field names selected at `path` below the field being resolved (e.g. ['edges', 'node']). */
export function selectedNames(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let sets = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const step of path) {
    sets = fieldsIn(info, sets)
      .filter((f) => f.name.value === step)
      .flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  }
  return new Set(fieldsIn(info, sets).map((f) => f.name.value));
}
