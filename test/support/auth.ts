import { getJson, TEST_ADMIN_TOKEN } from './server';

const cache = new Map<string, string>();

export const adminHeaders = () => ({ authorization: `Bearer ${TEST_ADMIN_TOKEN}` });

/** A publisher token for `agency`, minted once per test run through the admin API. */
export async function publisherToken(agency: string): Promise<string> {
  const hit = cache.get(agency);
  if (hit) return hit;
  const { status, body } = await getJson('/api/v1/admin/tokens', {
    method: 'POST',
    headers: { ...adminHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify({ name: `test ${agency}`, role: 'publisher', agency }),
  });
  if (status !== 201)
    throw new Error(`could not mint a token for ${agency}: ${status} ${JSON.stringify(body)}`);
  cache.set(agency, body.data.token);
  return body.data.token as string;
}

export async function bearer(agency: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await publisherToken(agency)}` };
}
