import { expect } from 'chai';
import { assertMatchesSpec } from '../support/openapi';
import { testServer } from '../support/server';

const QUERY = `query Fiscal($item: String!, $first: Int) {
  fiscalRevenueExpenditure(first: $first, filter: { item: { eq: $item } }) {
    totalCount
    nodes { period region item amount }
  }
}`;

async function post(body: unknown, headers: Record<string, string> = {}) {
  const { url } = await testServer();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function get(params: Record<string, string>, headers: Record<string, string> = {}) {
  const { url } = await testServer();
  const res = await fetch(`${url}/graphql?${new URLSearchParams(params).toString()}`, {
    headers: { accept: 'application/json', ...headers },
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('GraphQL: a repeated query is answered with the bytes of its first answer', () => {
  it('sends the same bytes, status and media type on a hit as on the miss that computed them', async () => {
    const body = { query: QUERY, variables: { item: '税收收入', first: 7 } };
    const miss = await post(body);
    expect(miss.res.status).to.equal(200);
    expect(miss.res.headers.get('x-graphql-cache')).to.equal('miss');
    const parsed = JSON.parse(miss.bytes.toString('utf8'));
    expect(parsed.data.fiscalRevenueExpenditure.nodes).to.have.length(7);
    expect(parsed.data.fiscalRevenueExpenditure.nodes.every((n: any) => n.item === '税收收入')).to.equal(
      true,
    );

    const hit = await post(body);
    expect(hit.res.status).to.equal(200);
    expect(hit.res.headers.get('x-graphql-cache')).to.equal('hit');
    expect(hit.res.headers.get('content-type')).to.equal(miss.res.headers.get('content-type'));
    expect(hit.res.headers.get('content-length')).to.equal(String(miss.bytes.length));
    expect(hit.bytes.equals(miss.bytes)).to.equal(true);
    assertMatchesSpec('/graphql', 'post', 200, JSON.parse(hit.bytes.toString('utf8')));
  });

  it('answers other variables, another operation name or another query text with their own answers', async () => {
    const first = await post({ query: QUERY, variables: { item: '税收收入', first: 3 } });
    await post({ query: QUERY, variables: { item: '税收收入', first: 3 } });
    const other = await post({ query: QUERY, variables: { item: '一般公共预算收入', first: 3 } });
    expect(other.res.headers.get('x-graphql-cache')).to.equal('miss');
    const items = JSON.parse(other.bytes.toString('utf8')).data.fiscalRevenueExpenditure.nodes.map(
      (n: any) => n.item,
    );
    expect(items.length).to.be.greaterThan(0);
    expect(items.every((i: string) => i === '一般公共预算收入')).to.equal(true);
    expect(other.bytes.equals(first.bytes)).to.equal(false);

    const named = await post({
      query: QUERY,
      operationName: 'Fiscal',
      variables: { item: '税收收入', first: 3 },
    });
    expect(named.res.headers.get('x-graphql-cache')).to.equal('miss');
    expect(named.bytes.equals(first.bytes)).to.equal(true);

    const spaced = await post({ query: `${QUERY}\n`, variables: { item: '税收收入', first: 3 } });
    expect(spaced.res.headers.get('x-graphql-cache')).to.equal('miss');
  });

  it('serves a GET with variables from the same store as the POST that says the same', async () => {
    const variables = { item: '税收收入', first: 4 };
    const posted = await post({ query: QUERY, variables });
    const fetched = await get({ query: QUERY, variables: JSON.stringify(variables) });
    expect(fetched.res.status).to.equal(200);
    expect(fetched.res.headers.get('x-graphql-cache')).to.equal('hit');
    expect(fetched.bytes.equals(posted.bytes)).to.equal(true);
  });

  it('answers a stored query with the media type each request accepts, and 406 when it accepts none', async () => {
    const body = { query: QUERY, variables: { item: '税收收入', first: 2 } };
    await post(body);
    const spec = await post(body, { accept: 'application/graphql-response+json' });
    expect(spec.res.headers.get('x-graphql-cache')).to.equal('hit');
    expect(spec.res.headers.get('content-type')).to.equal('application/graphql-response+json; charset=utf-8');
    const none = await post(body, { accept: 'text/csv' });
    expect(none.res.status).to.equal(406);
    assertMatchesSpec('/graphql', 'post', 406, JSON.parse(none.bytes.toString('utf8')));
  });

  it('never stores an answer with errors: the same bad query is refused each time, never served as a hit', async () => {
    const body = { query: QUERY, variables: { item: '税收收入', first: 100_000 } };
    for (let i = 0; i < 2; i++) {
      const r = await post(body);
      expect(r.res.status).to.equal(400);
      expect(r.res.headers.get('x-graphql-cache')).to.equal(null);
      expect(JSON.parse(r.bytes.toString('utf8')).errors[0].extensions.errorCode).to.equal(
        'invalid_parameter',
      );
    }
  });
});

describe('GraphQL: what a stored answer never short-cuts', () => {
  it('leaves a request with extensions (a persisted-query hash) and a GET claiming a body to Apollo', async () => {
    const body = { query: QUERY, variables: { item: '税收收入', first: 5 } };
    await post(body);
    expect((await post(body)).res.headers.get('x-graphql-cache')).to.equal('hit');
    const persisted = await post({
      ...body,
      extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } },
    });
    expect(persisted.res.headers.get('x-graphql-cache')).to.not.equal('hit');
    // Apollo's answer for a server without persisted queries, which clients use to fall back.
    expect(JSON.parse(persisted.bytes.toString('utf8')).errors[0].extensions.code).to.equal(
      'PERSISTED_QUERY_NOT_SUPPORTED',
    );
    const claimed = await get(
      { query: QUERY, variables: JSON.stringify(body.variables) },
      { 'content-type': 'text/plain' },
    );
    expect(claimed.res.headers.get('x-graphql-cache')).to.not.equal('hit');
    expect(claimed.res.status).to.equal(415);
    assertMatchesSpec('/graphql', 'get', 415, JSON.parse(claimed.bytes.toString('utf8')));
  });
});
