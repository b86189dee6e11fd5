import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { adminHeaders } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import { testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

/*
 * A real full disk, not a simulated error: the dataset's storage table is moved into a
 * tablespace on an 8 MiB tmpfs, so PostgreSQL itself fails to extend the file (SQLSTATE
 * 53100) halfway through the COPY. Needs the PostgreSQL server on this machine and root
 * (to mount); elsewhere the test says why it skips.
 */
const onServer = Boolean(process.env.DATABASE_URL);
const TABLESPACE = `full_${process.pid}`;

function tryMount(dir: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('chown', ['postgres:postgres', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return (err as Error).message.split('\n')[0] ?? 'mount failed';
  }
}

describe('the disk runs out during an upload (PostgreSQL server only)', function () {
  this.timeout(300_000);
  let admin: pg.Client | undefined;
  let mountDir: string | undefined;
  let storageTable: string | undefined;

  before(async function () {
    if (!onServer) return this.skip();
    mountDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgfull-'));
    const why = tryMount(mountDir);
    if (why !== null) {
      console.warn(`      skipped: cannot mount a small tmpfs here (${why})`);
      fs.rmdirSync(mountDir);
      mountDir = undefined;
      return this.skip();
    }
    await testServer();
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE TABLESPACE ${TABLESPACE} LOCATION '${mountDir}'`);
  });

  after(async () => {
    if (admin && storageTable) {
      await admin.query(`ALTER TABLE ${storageTable} SET TABLESPACE pg_default`).catch(() => undefined);
    }
    await admin?.query(`DROP TABLESPACE IF EXISTS ${TABLESPACE}`).catch(() => undefined);
    await admin?.end();
    if (mountDir) {
      execFileSync('umount', [mountDir], { stdio: 'ignore' });
      fs.rmdirSync(mountDir);
    }
  });

  it('answers 503 storage_full naming the cause, stores nothing, and keeps the earlier release intact', async () => {
    const id = await createTinyDataset(
      'diskfull',
      [
        { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
        { name: 'note', type: 'string', title: { zh: '备注', en: 'Note' } },
      ],
      ['period', 'city'],
    );
    const first = await publishTiny(id, '2026-01', [
      { city: '太原', note: '第一期' },
      { city: '大同', note: '第一期' },
    ]);
    const { url, db } = await testServer();
    const before = await fetch(`${url}/api/v1/datasets/${id}/releases/2026-01/data.csv`);
    const beforeBytes = Buffer.from(await before.arrayBuffer());

    const version = await db.knex('schema_versions').where({ dataset_id: id }).first('storage_table');
    storageTable = `datastore."${String(version.storage_table)}"`;
    await admin!.query(`ALTER TABLE ${storageTable} SET TABLESPACE ${TABLESPACE}`);

    // About 30 MB of rows for an 8 MiB disk: the COPY fails well before the end.
    const note = '长'.repeat(60);
    const body = ['period,city,note'];
    for (let i = 0; i < 150_000; i++) body.push(`2026-02,城市${i},${note}`);
    const res = await fetch(`${url}/api/v1/datasets/${id}/releases?period=2026-02`, {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': 'text/csv', 'accept-language': 'zh-CN' },
      body: body.join('\n') + '\n',
    });
    const answer = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status, JSON.stringify(answer)).to.equal(503);
    expect(answer.error.code).to.equal('storage_full');
    expect(answer.error.message).to.contain('存储空间已满');
    expect(res.headers.get('retry-after')).to.equal('300');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'post', 503, answer);
    expect(JSON.stringify(answer)).not.to.match(/No space left|could not extend|pg_tblspc/);

    const releases = (await (await fetch(`${url}/api/v1/datasets/${id}/releases`)).json()) as {
      data: Array<{ period: { id: string } }>;
    };
    expect(releases.data.map((r) => r.period.id)).to.deep.equal(['2026-01']);
    const stored = await admin!.query(`SELECT count(*)::int AS n FROM ${storageTable}`);
    expect(stored.rows[0].n).to.equal(2);
    const after = await fetch(`${url}/api/v1/datasets/${id}/releases/2026-01/data.csv`);
    expect(Buffer.from(await after.arrayBuffer()).equals(beforeBytes)).to.equal(true);
    expect(after.headers.get('x-content-sha256')).to.equal(first.sha256);

    // Once there is room again the same upload goes through.
    await admin!.query(`ALTER TABLE ${storageTable} SET TABLESPACE pg_default`);
    const retry = await fetch(`${url}/api/v1/datasets/${id}/releases?period=2026-02`, {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': 'text/csv' },
      body: body.slice(0, 1001).join('\n') + '\n',
    });
    expect(retry.status).to.equal(201);
  });
});
