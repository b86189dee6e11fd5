import { expect } from 'chai';
import { deref, spec, specOperations } from '../support/spec';

const isObjectSchema = (n: any) =>
  n &&
  typeof n === 'object' &&
  n.properties &&
  (n.type === undefined || n.type === 'object' || (Array.isArray(n.type) && n.type.includes('object')));
const isClosed = (n: any) => 'additionalProperties' in n || 'unevaluatedProperties' in n;

/** Schemas some allOf extends: open by necessity, so closed wherever they are used alone. */
function extendedSchemas(): Set<string> {
  const refs = new Set<string>();
  const scan = (n: any) => {
    if (!n || typeof n !== 'object') return;
    for (const part of Array.isArray(n.allOf) ? n.allOf : []) if (part?.$ref) refs.add(part.$ref);
    for (const v of Object.values(n)) scan(v);
  };
  scan(spec);
  return refs;
}

/**
 * Every object a REST response can contain, in openapi.yaml, says whether it admits more
 * properties, so the Ajv checks of the integration tests (test/support/openapi.ts) catch a
 * field the server sends but the contract does not document. Parts of an allOf (and if/then
 * branches) describe only some keys, so the composite is closed instead, with
 * `unevaluatedProperties: false`; a schema an allOf extends stays open and is closed at each
 * use on its own (`{ $ref, unevaluatedProperties: false }`). New paths join automatically.
 */
describe('openapi.yaml closes its response objects', () => {
  it('leaves no response object open to undocumented properties', () => {
    const extended = extendedSchemas();
    const open: string[] = [];
    const seen = new Set<unknown>();
    // `exempt`: this node is open by design (a base some allOf extends); `inPart`: it lies
    // inside an inline allOf part, whose objects may be completed by the other parts.
    const walk = (node: any, where: string, exempt: boolean, inPart: boolean) => {
      if (!node || typeof node !== 'object') return;
      if (typeof node.$ref === 'string') {
        const target = deref(node);
        const targetIsObject = isObjectSchema(target) || Array.isArray(target?.allOf);
        const standaloneBase = !exempt && !inPart && extended.has(node.$ref);
        if (standaloneBase && targetIsObject && !isClosed(node)) open.push(`${where} ($ref ${node.$ref})`);
        walk(target, node.$ref, extended.has(node.$ref), false);
        return;
      }
      if (seen.has(node)) return;
      seen.add(node);
      const objectLike = isObjectSchema(node) || Array.isArray(node.allOf);
      if (!exempt && !inPart && objectLike && !isClosed(node)) open.push(where);
      (node.allOf ?? []).forEach((s: any, i: number) =>
        s?.$ref ? walk(s, `${where}/allOf/${i}`, true, false) : walk(s, `${where}/allOf/${i}`, true, true),
      );
      for (const k of ['oneOf', 'anyOf'] as const)
        (node[k] ?? []).forEach((s: unknown, i: number) => walk(s, `${where}/${k}/${i}`, exempt, inPart));
      for (const [k, v] of Object.entries(node.properties ?? {}))
        walk(v, `${where}/properties/${k}`, false, inPart);
      if (node.items) walk(node.items, `${where}/items`, false, inPart);
      if (node.additionalProperties && typeof node.additionalProperties === 'object')
        walk(node.additionalProperties, `${where}/additionalProperties`, false, inPart);
    };
    for (const op of specOperations()) {
      const item = deref((spec.paths as Record<string, unknown>)[op.path]) as Record<string, any>;
      for (const [status, raw] of Object.entries(item[op.method]?.responses ?? {})) {
        for (const [type, media] of Object.entries<any>(deref<any>(raw)?.content ?? {})) {
          if (/json/.test(type))
            walk(media.schema, `${op.method} ${op.path} ${status} ${type}`, false, false);
        }
      }
    }
    // The walk must have reached the components the presenters fill.
    expect(seen.size).to.be.greaterThan(100);
    expect(open, 'response objects without additionalProperties/unevaluatedProperties').to.deep.equal([]);
  });
});
