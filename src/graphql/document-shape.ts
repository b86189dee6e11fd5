import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What an operation asks for once every fragment is expanded in place. */
export interface Shape {
  /** Deepest field nesting; introspection (`__schema`, `__type`) is not data and adds none. */
  readonly depth: number;
  /** Field selections, counting a fragment's fields again for every spread of it. */
  readonly selections: number;
  /** Fragment spreads, counting the spreads inside a fragment again for every spread of it. */
  readonly spreads: number;
  /**
   * The most fields that share one response name in one selection set, counting those
   * inside its inline fragments: the spec's overlapping-fields rule compares them pairwise.
   */
  readonly repeats: number;
  /** The response name repeated most (empty when nothing is). */
  readonly repeated: string;
}

export interface DocumentShape {
  readonly operations: ReadonlyArray<{ node: OperationDefinitionNode; shape: Shape }>;
  /** Aliased fields written in the document. */
  readonly aliases: number;
  /** Selection nodes this analysis looked at: the measure of its own work. */
  readonly visited: number;
}

const EMPTY: Shape = { depth: 0, selections: 0, spreads: 0, repeats: 0, repeated: '' };

// Expanded counts grow as 2^n for a chain of n fragments that each spread the previous one
// twice; saturating keeps them exact up to any limit we compare them with.
const add = (a: number, b: number) => Math.min(a + b, Number.MAX_SAFE_INTEGER);

/**
 * Measures every operation of a document in one pass over its text: each fragment's shape
 * is computed once and reused for every spread of it, so the work is linear in the size of
 * the document even when its expansion is exponential. Fragment cycles and unknown
 * fragments count as empty here; the spec's own rules report them.
 */
export function documentShape(document: DocumentNode): DocumentShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(d.name.value)) fragments.set(d.name.value, d);
  }
  const known = new Map<string, Shape>();
  const entered = new Set<string>();
  let visited = 0;
  let aliases = 0;

  const fragmentShape = (name: string): Shape => {
    const done = known.get(name);
    if (done) return done;
    const def = fragments.get(name);
    if (!def || entered.has(name)) return EMPTY;
    entered.add(name);
    const shape = setShape(def.selectionSet);
    known.set(name, shape);
    return shape;
  };

  /** Response names of a selection set's own fields, those of its inline fragments included. */
  const mostRepeated = (set: SelectionSetNode): { repeats: number; repeated: string } => {
    const names = new Map<string, number>();
    const most = { repeats: 0, repeated: '' };
    const count = (inner: SelectionSetNode) => {
      for (const s of inner.selections) {
        if (s.kind === Kind.INLINE_FRAGMENT) count(s.selectionSet);
        if (s.kind !== Kind.FIELD) continue;
        const name = (s.alias ?? s.name).value;
        const n = (names.get(name) ?? 0) + 1;
        names.set(name, n);
        if (n > most.repeats) Object.assign(most, { repeats: n, repeated: name });
      }
    };
    count(set);
    return most;
  };

  const setShape = (set: SelectionSetNode, inline = false): Shape => {
    let depth = 0;
    let selections = 0;
    let spreads = 0;
    // An inline fragment's fields were counted with those of the set that holds it.
    let most = inline ? { repeats: 0, repeated: '' } : mostRepeated(set);
    for (const s of set.selections) {
      visited++;
      if (s.kind === Kind.FIELD) {
        if (s.alias) aliases++;
        const inner = s.selectionSet ? setShape(s.selectionSet) : EMPTY;
        if (!s.name.value.startsWith('__')) depth = Math.max(depth, 1 + inner.depth);
        selections = add(selections, add(1, inner.selections));
        spreads = add(spreads, inner.spreads);
        if (inner.repeats > most.repeats) most = inner;
        continue;
      }
      const inner =
        s.kind === Kind.INLINE_FRAGMENT ? setShape(s.selectionSet, true) : fragmentShape(s.name.value);
      depth = Math.max(depth, inner.depth);
      selections = add(selections, inner.selections);
      spreads = add(spreads, s.kind === Kind.FRAGMENT_SPREAD ? add(1, inner.spreads) : inner.spreads);
      if (inner.repeats > most.repeats) most = inner;
    }
    return { depth, selections, spreads, repeats: most.repeats, repeated: most.repeated };
  };

  const operations: Array<{ node: OperationDefinitionNode; shape: Shape }> = [];
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) operations.push({ node: d, shape: setShape(d.selectionSet) });
  }
  // Fragments no operation uses are still part of what the server was asked to read.
  for (const name of fragments.keys()) fragmentShape(name);
  return { operations, aliases, visited };
}
