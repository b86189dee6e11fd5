import { Lru } from '../cache';
import type { FieldSource } from './page-statement';

type Build = (row: readonly unknown[]) => Record<string, unknown>;
type Compiled = (row: readonly unknown[], pinned: readonly unknown[]) => Record<string, unknown>;

const builders = new Lru<Compiled>(500, 500);

/**
 * A function that turns a result row into an object with `keys`, each key's value read from
 * its source: a column of the row, or a value a filter pinned. It is generated once per
 * shape as one object literal, so every row gets its final hidden class in one step;
 * assigning computed keys one at a time sends each store down V8's megamorphic path and
 * makes the object change shape once per field. Keys are written as JSON string literals,
 * so no name can break out of the generated code.
 */
export function rowBuilder(keys: readonly string[], sources: readonly FieldSource[]): Build {
  const pinned = sources.flatMap((s) => ('pinned' in s ? [s.pinned] : []));
  const shape = sources.map((s) => ('at' in s ? s.at : 'p')).join(',');
  const id = `${keys.join('\u0000')}\u0001${shape}`;
  let build = builders.get(id);
  if (!build) {
    let p = 0;
    const values = sources.map((s) => ('at' in s ? `row[${s.at}] ?? null` : `pinned[${p++}]`));
    // `"__proto__": v` in a literal would set the prototype; such a key takes the slow path.
    build = keys.includes('__proto__')
      ? (row, fixed) => {
          const o: Record<string, unknown> = {};
          let q = 0;
          keys.forEach((k, i) => {
            const s = sources[i]!;
            Object.defineProperty(o, k, {
              value: 'at' in s ? (row[s.at] ?? null) : fixed[q++],
              enumerable: true,
              writable: true,
              configurable: true,
            });
          });
          return o;
        }
      : (new Function(
          'row',
          'pinned',
          `return {${keys.map((k, i) => `${JSON.stringify(k)}: ${values[i]}`).join(', ')}};`,
        ) as Compiled);
    builders.set(id, build, 1);
  }
  const compiled = build;
  return (row) => compiled(row, pinned);
}
