import { expect } from 'chai';
import { TEST_ADMIN_TOKEN, testServer } from '../support/server';
import { specOperations, type SpecOperation, type SpecParameter } from '../support/spec';

/** A value the parameter accepts: the spec's example, first enum value or default. */
function validValue(p: SpecParameter): string | undefined {
  const s = p.schema ?? {};
  const v = p.example ?? s.examples?.[0] ?? s.enum?.[0] ?? s.default;
  return v === undefined ? undefined : String(v);
}

/** Values that break one documented bound each, named by the bound. */
function outOfBounds(p: SpecParameter): [string, string][] {
  const s = p.schema ?? {};
  const out: [string, string][] = [];
  if (typeof s.maxLength === 'number') out.push([`maxLength ${s.maxLength}`, 'a'.repeat(s.maxLength + 1)]);
  if (typeof s.maximum === 'number') out.push([`maximum ${s.maximum}`, String(s.maximum + 1)]);
  if (typeof s.minimum === 'number') out.push([`minimum ${s.minimum}`, String(s.minimum - 1)]);
  if (Array.isArray(s.enum)) out.push([`enum ${s.enum.join('|')}`, 'not-one-of-them']);
  // No database text holds U+0000: every text parameter refuses it instead of failing later.
  if (s.type === 'string' || s.type === undefined) out.push(['a NUL character', 'a\u0000b']);
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    const bad = ['!', '', 'a'.repeat(5000), '%%'].find((v) => !re.test(v));
    if (bad !== undefined) out.push([`pattern ${s.pattern}`, bad]);
  }
  return out;
}

/** The operation's URL with its path parameters filled in and its other required query parameters valid. */
function baseUrl(op: SpecOperation, except: string): URL {
  const byName = new Map(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]));
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    encodeURIComponent(validValue(byName.get(name) ?? { name, in: 'path' }) ?? 'x'),
  );
  const url = new URL(path, 'http://placeholder');
  for (const p of op.parameters) {
    if (p.in !== 'query' || !p.required || p.name === except) continue;
    const v = validValue(p);
    if (v !== undefined) url.searchParams.set(p.name, v);
  }
  return url;
}

/**
 * What openapi.yaml promises about query parameters, the server enforces: for every
 * documented maxLength, maximum, minimum, enum and pattern, a value just outside it (and for
 * every text parameter, a NUL character) is
 * refused with a 4xx whose body names the parameter. Generated from the spec, so a new
 * bounded parameter is tested as soon as it is documented. Requests carry the admin token,
 * so the bound is reached on routes that need one.
 */
describe('query parameters are validated as openapi.yaml says', function () {
  this.timeout(180_000);
  before(() => testServer());

  for (const op of specOperations()) {
    // /api/action/* is the same path item as /api/3/action/*; one prefix is enough.
    if (op.path.startsWith('/api/action/')) continue;
    for (const p of op.parameters) {
      if (p.in !== 'query') continue;
      for (const [bound, value] of outOfBounds(p)) {
        // A GraphQL document with a NUL is GraphQL's own syntax error, answered by its edge.
        if (op.path === '/graphql' && value.includes('\u0000')) continue;
        it(`${op.method.toUpperCase()} ${op.path}: ${p.name} beyond ${bound} is a 4xx naming ${p.name}`, async () => {
          const { url } = await testServer();
          const target = baseUrl(op, p.name);
          target.searchParams.set(p.name, value);
          const res = await fetch(url + target.pathname + target.search, {
            method: op.method.toUpperCase(),
            headers: { accept: 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
            redirect: 'manual',
          });
          const body = await res.text();
          expect(res.status, body.slice(0, 300)).to.be.within(400, 499);
          expect([401, 403, 404], body.slice(0, 300)).to.not.include(res.status);
          expect(body, `the answer should name ${p.name}`).to.contain(p.name);
        });
      }
    }
  }
});
