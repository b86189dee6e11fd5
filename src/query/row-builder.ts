import { Lru } from '../cache';

type Build = (row: readonly unknown[]) => Record<string, unknown>;

const builders = new Lru<Build>(500, 500);

/**
 * A function that turns a result row (values in select-list order) into an object with
 * `keys`. It is generated once per key list as one object literal, so every row gets its
 * final hidden class in one step; assigning computed keys one at a time sends each store
 * down V8's megamorphic path and makes the object change shape once per field. Keys are
 * written as JSON string literals, so no name can break out of the generated code.
 */
export function rowBuilder(keys: readonly string[]): Build {
  const id = keys.join('\u0000');
  let build = builders.get(id);
  if (!build) {
    // `"__proto__": v` in a literal would set the prototype; such a key takes the slow path.
    build = keys.includes('__proto__')
      ? (row) => {
          const o: Record<string, unknown> = {};
          keys.forEach((k, i) =>
            Object.defineProperty(o, k, {
              value: row[i] ?? null,
              enumerable: true,
              writable: true,
              configurable: true,
            }),
          );
          return o;
        }
      : (new Function(
          'row',
          `return {${keys.map((k, i) => `${JSON.stringify(k)}: row[${i}] ?? null`).join(', ')}};`,
        ) as Build);
    builders.set(id, build, 1);
  }
  return build;
}
