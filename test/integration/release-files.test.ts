import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { rawRequest } from '../support/http';
import { assertMatchesSpec } from '../support/openapi';
import { getJson } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const FILE = '/files/sha256/{sha256}/{name}';

const request = rawRequest;

describe('release files at content-addressed URLs (CDN-cacheable)', () => {
  let id = '';
  let sha = '';
  let file = '';
  let whole: Buffer;

  before(async function () {
    this.timeout(300_000);
    id = await createTinyDataset(
      'cdn',
      [{ name: 'label', type: 'string', title: { zh: '标签', en: 'Label' } }],
      ['period', 'label'],
    );
    const rows = Array.from({ length: 400 }, (_, i) => ({ label: `第${i}行-${'数'.repeat(i % 5)}` }));
    sha = (await publishTiny(id, '2021-01', rows)).sha256;
    file = `/files/sha256/${sha}/${id}_2021-01_r1.csv`;
    whole = (await request('GET', file)).body;
  });

  it('redirects the mutable URL to the file named by its sha256', async () => {
    const res = await request('GET', `/api/v1/datasets/${id}/releases/2021-01/data.csv`);
    expect(res.status).to.equal(307);
    expect(res.headers.location).to.equal(file);
    expect(res.headers['x-content-sha256']).to.equal(sha);
    expect(res.headers['cache-control']).to.equal('public, max-age=0, must-revalidate');
    const pinned = await request('GET', `/api/v1/datasets/${id}/releases/2021-01/data.csv?revision=1`);
    expect(pinned.status).to.equal(307);
    expect(pinned.headers.location).to.equal(file);
    // A pinned revision can still be withdrawn: which file it names is revalidated each time.
    expect(pinned.headers['cache-control']).to.equal('public, max-age=0, must-revalidate');
    // A client holding the bytes is answered at once.
    const held = await request('GET', `/api/v1/datasets/${id}/releases/2021-01/data.csv`, {
      'if-none-match': `"${sha}"`,
    });
    expect(held.status).to.equal(304);
    expect(held.headers.etag).to.equal(`"${sha}"`);
  });

  it('serves bytes that hash to the address, cacheable for a year, with their length and validators', async () => {
    const res = await request('GET', file);
    expect(res.status).to.equal(200);
    expect(res.body.equals(whole)).to.equal(true);
    expect(sha256(whole)).to.equal(sha);
    expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(res.headers.etag).to.equal(`"${sha}"`);
    expect(res.headers['accept-ranges']).to.equal('bytes');
    expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
    expect(res.headers['content-length']).to.equal(String(whole.length));
    expect(res.headers['content-disposition']).to.equal(`attachment; filename="${id}_2021-01_r1.csv"`);
    expect(whole.toString('utf8')).to.match(/^period,label\n2021-01,第0行-\n/);
    const again = await request('GET', file, { 'if-none-match': `"${sha}"` });
    expect(again.status).to.equal(304);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await request('HEAD', file);
    expect(res.status).to.equal(200);
    expect(res.body.length).to.equal(0);
    expect(res.headers['content-length']).to.equal(String(whole.length));
    expect(res.headers.etag).to.equal(`"${sha}"`);
    expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
  });

  it('answers a single byte range with 206 and exactly those bytes, across multi-byte characters', async () => {
    const mid = Math.floor(whole.length / 2);
    const cases: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99],
      [`bytes=${mid}-${mid + 1000}`, mid, mid + 1000],
      ['bytes=-50', whole.length - 50, whole.length - 1],
      [`bytes=${whole.length - 10}-`, whole.length - 10, whole.length - 1],
    ];
    for (const [range, first, last] of cases) {
      const res = await request('GET', file, { range });
      expect(res.status, range).to.equal(206);
      expect(res.headers['content-range'], range).to.equal(`bytes ${first}-${last}/${whole.length}`);
      expect(res.body.equals(whole.subarray(first, last + 1)), range).to.equal(true);
      expect(res.headers.etag).to.equal(`"${sha}"`);
    }
    // Resuming a download: the parts put back together are the file.
    const parts = await Promise.all(
      [0, 1, 2].map((i) => {
        const from = Math.floor((whole.length * i) / 3);
        const to = Math.floor((whole.length * (i + 1)) / 3) - 1;
        return request('GET', file, { range: `bytes=${from}-${to}` });
      }),
    );
    expect(sha256(Buffer.concat(parts.map((p) => p.body)))).to.equal(sha);
  });

  it('answers a range past the end with 416 and the length', async () => {
    const res = await request('GET', file, { range: `bytes=${whole.length + 10}-${whole.length + 20}` });
    expect(res.status).to.equal(416);
    expect(res.headers['content-range']).to.equal(`bytes */${whole.length}`);
  });

  it('answers an unknown checksum, a malformed one and a hostile name with 404', async () => {
    const unknown = await getJson(`/files/sha256/${'0'.repeat(64)}/x.csv`);
    expect(unknown.status).to.equal(404);
    expect(unknown.body.error.code).to.equal('release_not_found');
    assertMatchesSpec(FILE, 'get', 404, unknown.body);
    for (const path of [
      `/files/sha256/${sha.toUpperCase()}/x.csv`,
      `/files/sha256/${sha.slice(1)}/x.csv`,
      `/files/sha256/${sha}/..%2F..%2Fetc%2Fpasswd`,
      `/files/sha256/${sha}/.hidden.csv`,
      `/files/sha256/${sha}/x.txt`,
    ]) {
      const res = await getJson(path);
      expect(res.status, path).to.equal(404);
    }
  });

  it('keeps an embargoed release unreachable by its checksum until publishAt, then serves it', async function () {
    this.timeout(30_000);
    const publishAt = new Date(Date.now() + 3_000);
    // The label is unique: identical bytes published anywhere else would share the address.
    const scheduled = await publishTiny(id, '2021-02', [{ label: `保密到发布 ${id}` }], { publishAt });
    const path = `/files/sha256/${scheduled.sha256}/${id}_2021-02_r1.csv`;
    const before = await getJson(path);
    expect(before.status).to.equal(404);
    expect(before.body.error.code).to.equal('release_not_found');
    expect(JSON.stringify(before.body)).not.to.contain('保密到发布');
    expect(Date.now()).to.be.below(publishAt.getTime());
    await new Promise((r) => setTimeout(r, publishAt.getTime() - Date.now() + 50));
    const after = await request('GET', path);
    expect(after.status).to.equal(200);
    expect(sha256(after.body)).to.equal(scheduled.sha256);
  });
});
