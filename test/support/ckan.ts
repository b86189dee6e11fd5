import { expect } from 'chai';
import { assertMatchesSpec } from './openapi';
import { getJson } from './server';

export type Json = Record<string, any>;

/** The spec path of an action: a named one, or the catch-all for actions that do not exist. */
const KNOWN = new Set([
  'package_list',
  'package_search',
  'package_show',
  'resource_show',
  'organization_list',
  'organization_show',
  'group_list',
  'tag_list',
  'status_show',
  'help_show',
  'datastore_search',
]);
const specPath = (prefix: string, action: string) => `${prefix}/${KNOWN.has(action) ? action : '{action}'}`;

/**
 * Calls an action as ckanapi's RemoteCKAN does: POST a JSON object to /api/action/{name}
 * with Content-Type application/json. The answer is checked against openapi.yaml.
 */
export async function ckanPost(action: string, data: Json): Promise<{ status: number; body: any }> {
  const res = await getJson(`/api/action/${action}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'ckanapi/4.8 (+https://github.com/ckan/ckanapi)',
    },
    body: JSON.stringify(data),
  });
  assertMatchesSpec(specPath('/api/action', action), 'post', res.status, res.body);
  return res;
}

/**
 * Calls an action by GET under /api/3/action, as a browser or the CKAN harvester does; each
 * value that is not text goes as JSON text, which CKAN's validators read back.
 */
export async function ckanGet(action: string, data: Json): Promise<{ status: number; body: any }> {
  const qs = new URLSearchParams(
    Object.entries(data).map(([k, v]): [string, string] => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]),
  );
  const res = await getJson(`/api/3/action/${action}?${qs.toString()}`);
  assertMatchesSpec(specPath('/api/3/action', action), 'get', res.status, res.body);
  return res;
}

/** Follows a `_links` URL (a GET under the prefix it came from). */
export async function ckanFollow(link: string): Promise<{ status: number; body: any }> {
  const res = await getJson(link);
  const prefix = link.startsWith('/api/3/') ? '/api/3/action' : '/api/action';
  const action = link.split('?')[0]!.split('/').pop()!;
  assertMatchesSpec(specPath(prefix, action), 'get', res.status, res.body);
  return res;
}

/** The result of a successful call. */
export function result(res: { status: number; body: any }): any {
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(200);
  expect(res.body.success).to.equal(true);
  return res.body.result;
}

/** A CKAN error: status, `__type` and our stable code. */
export function expectCkanError(
  res: { status: number; body: any },
  status: number,
  type: string,
  code: string,
) {
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(status);
  expect(res.body.success).to.equal(false);
  expect(res.body.error.__type).to.equal(type);
  expect(res.body.error.code).to.equal(code);
}
