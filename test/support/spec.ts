import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** openapi.yaml as committed, parsed: the contract the tests hold the server to. */
export const spec = YAML.parse(fs.readFileSync(path.resolve(__dirname, '../../openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
};

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface SpecParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  example?: unknown;
  schema?: Record<string, any>;
}

export interface SpecOperation {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  operationId?: string;
  parameters: SpecParameter[];
}

/** Follows local `$ref`s (`#/components/...`) to the object they name. */
export function deref<T = any>(node: unknown): T {
  let cur = node as { $ref?: string } | undefined;
  while (cur && typeof cur.$ref === 'string') {
    cur = cur.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((o: any, k) => o?.[k], spec);
  }
  return cur as T;
}

/** Every operation in the contract, with its path-level and own parameters resolved. */
export function specOperations(): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [p, rawItem] of Object.entries(spec.paths)) {
    const item = deref<Record<string, any>>(rawItem);
    const shared = ((item.parameters as unknown[]) ?? []).map((x) => deref<SpecParameter>(x));
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const own = ((op.parameters as unknown[]) ?? []).map((x) => deref<SpecParameter>(x));
      const names = new Set(own.map((x) => `${x.in}:${x.name}`));
      out.push({
        path: p,
        method,
        operationId: op.operationId,
        parameters: [...shared.filter((x) => !names.has(`${x.in}:${x.name}`)), ...own],
      });
    }
  }
  return out;
}

/** A path template with its parameter names erased, so `{id}` and `{datasetId}` compare equal. */
export const templateShape = (template: string) => template.replace(/\{[^}]+\}/g, '{}');
