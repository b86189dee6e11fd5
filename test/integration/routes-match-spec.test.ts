import { expect } from 'chai';
import type { Express } from 'express';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/app';
import { appRoutes } from '../support/express-routes';
import { TEST_ADMIN_TOKEN, testServer } from '../support/server';
import { specOperations, templateShape, type SpecParameter } from '../support/spec';
import { NO_RATE_LIMITS } from '../support/test-env';

/**
 * Routes the app serves that openapi.yaml deliberately leaves out, as `METHOD /path` (in
 * OpenAPI's `{name}` form) → why. Web pages may be listed in the spec (they are today,
 * under the `pages` tag) or named here; anything else belongs in the contract. Empty is
 * the goal: every entry is a route a reader of /docs cannot find.
 */
const NOT_IN_SPEC: Readonly<Record<string, string>> = {};

/** A value the route will accept as a path segment: the spec's example or first enum value. */
function sampleValue(p: SpecParameter): string {
  const s = p.schema ?? {};
  const v = p.example ?? s.examples?.[0] ?? s.enum?.[0] ?? s.default ?? 'x';
  return encodeURIComponent(String(v));
}

/**
 * The contract and the router must not drift apart: every express route of the real app
 * is documented, and every documented path is routed (a request to it never meets the
 * final "no route" handler). Both sides are enumerated, so new paths join by themselves.
 */
describe('routes match openapi.yaml', function () {
  this.timeout(180_000);
  let app: Express;

  before(async () => {
    const { db } = await testServer();
    const config = loadConfig({ ...NO_RATE_LIMITS, ...process.env, ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    app = createApp({ now: () => new Date(), db, config });
  });

  it('documents every express route of the app in openapi.yaml', () => {
    const routes = appRoutes(app);
    // The walk must see the whole app, mounted routers included.
    expect(routes.length).to.be.greaterThan(50);
    expect(routes).to.deep.include({ method: 'GET', path: '/api/v1/datasets/{datasetId}/rows' });
    const documented = new Set(
      specOperations().map((o) => `${o.method.toUpperCase()} ${templateShape(o.path)}`),
    );
    const documentedPaths = new Set(specOperations().map((o) => templateShape(o.path)));
    const missing = routes
      .filter((r) => !Object.hasOwn(NOT_IN_SPEC, `${r.method} ${r.path}`))
      .filter((r) =>
        r.method === 'ALL'
          ? !documentedPaths.has(templateShape(r.path))
          : !documented.has(`${r.method} ${templateShape(r.path)}`),
      )
      .map((r) => `${r.method} ${r.path}`);
    expect(missing, 'routes the app serves that openapi.yaml does not document').to.deep.equal([]);
  });

  it('routes every operation of openapi.yaml (no documented path meets the "no route" answer)', async () => {
    const { url } = await testServer();
    const unrouted: string[] = [];
    for (const op of specOperations()) {
      const byName = new Map(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]));
      const concrete = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
        byName.has(name) ? sampleValue(byName.get(name)!) : 'x',
      );
      const res = await fetch(url + concrete, {
        method: op.method.toUpperCase(),
        headers: { accept: 'application/json' },
        redirect: 'manual',
      });
      const text = await res.text();
      if (res.status === 404 && /"route_not_found"/.test(text))
        unrouted.push(`${op.method.toUpperCase()} ${op.path}`);
    }
    expect(unrouted, 'documented operations no route serves').to.deep.equal([]);
  });
});
