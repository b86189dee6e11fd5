import type { Express } from 'express';

/** One route the app answers: its method (`ALL` for `router.all`) and its path in OpenAPI's `{name}` form. */
export interface AppRoute {
  method: string;
  path: string;
}

interface Layer {
  rawPath?: string | RegExp | (string | RegExp)[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** Express 5 path syntax → OpenAPI template: `:id` → `{id}`, `*rest` → `{rest}`. */
export function toTemplate(expressPath: string): string {
  return expressPath.replace(/[:*]([A-Za-z_$][\w$]*)/g, '{$1}');
}

function join(prefix: string, p: string): string {
  const joined = `${prefix.replace(/\/$/, '')}/${p.replace(/^\//, '')}`;
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/**
 * Every route of a real express 5 app, found by walking its router stack (mounted routers
 * included). Plain middleware is not a route and is skipped; a mount or route written as
 * a RegExp cannot be turned into a template, so it fails loudly instead of hiding.
 */
export function appRoutes(app: Express): AppRoute[] {
  const out: AppRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods).map((m) => (m === '_all' ? 'ALL' : m.toUpperCase()));
        for (const p of asList(layer.route.path)) {
          if (typeof p !== 'string') throw new Error(`route ${String(p)} is not a path string`);
          for (const method of methods) out.push({ method, path: toTemplate(join(prefix, p)) });
        }
      } else if (layer.handle?.stack) {
        for (const mount of asList(layer.rawPath ?? '/')) {
          if (typeof mount !== 'string')
            throw new Error(`router mounted at ${String(mount)} is not a path string`);
          walk(layer.handle.stack, join(prefix, mount));
        }
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '/');
  return out;
}
