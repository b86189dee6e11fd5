import { expect } from 'chai';
import { adminHeaders } from '../support/auth';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

async function page(path: string) {
  const { url } = await testServer();
  const res = await fetch(url + path, { redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

describe('catalog pages', () => {
  let id: string;
  const reason = '被<b>新规定</b>取代 & 停止执行';

  before(async function () {
    this.timeout(60_000);
    id = await createTinyDataset(
      'pages',
      [{ name: 'value', type: 'number', title: { zh: '数值', en: 'Value' } }],
      ['period'],
    );
    await publishTiny(id, '2024-01', [{ value: '1.5' }]);
    const put = await getJson(`/api/v1/datasets/${id}/status`, {
      method: 'PUT',
      headers: { ...adminHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'expired', date: '2025-06-30', reason }),
    });
    expect(put.status).to.equal(200);
  });

  it('lists every dataset with its status mark, date and reason', async () => {
    const res = await page(`/catalog?q=${encodeURIComponent('测试数据')}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html; charset=utf-8/);
    const row = res.body.split('<tr>').find((r) => r.includes(`/catalog/${id}"`));
    expect(row, 'catalog row').to.not.equal(undefined);
    expect(row).to.contain('data-status="expired"');
    expect(row).to.contain('失效（2025-06-30：被&lt;b&gt;新规定&lt;/b&gt;取代 &amp; 停止执行）');
    const all = await page('/catalog');
    expect(all.body).to.contain('data-status="active"');
  });

  it('shows the mark as a banner on the dataset page, escaped, and keeps the data downloadable', async () => {
    const res = await page(`/catalog/${id}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('x-dataset-status')).to.equal(
      `expired; date=2025-06-30; reason=${encodeURIComponent(reason)}`,
    );
    expect(res.body).to.contain('role="alert"');
    expect(res.body).to.contain('本项公开要求已失效（2025-06-30）');
    expect(res.body).not.to.contain('<b>新规定</b>');
    const link = /href="(\/api\/v1\/datasets\/[^"]+\/export\.csv\?bom=1)"/.exec(res.body)?.[1];
    expect(link).to.equal(`/api/v1/datasets/${id}/export.csv?bom=1`);
    const csv = await page(link!);
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('x-dataset-status')).to.match(/^expired; date=2025-06-30/);
    expect(csv.body).to.contain('2024-01');
  });

  it('sends the home page to the catalog and answers an unknown dataset with 404', async () => {
    const home = await page('/');
    expect(home.status).to.equal(302);
    expect(home.headers.get('location')).to.equal('/catalog');
    expect((await page('/catalog/no-such-dataset')).status).to.equal(404);
  });
});
