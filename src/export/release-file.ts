import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { publishedReleaseBySha256, type ReleaseRecord } from '../catalog';
import type { Database } from '../db';
import { exportRows } from './export.service';

/** What the per-release download serves: the canonical CSV, exactly the bytes its sha256 names. */
export async function openReleaseCsv(db: Database, release: ReleaseRecord, now: Date) {
  return exportRows(
    db,
    release.datasetId,
    {
      filters: [],
      limit: 1,
      includeTotal: false,
      releaseId: release.id,
      schemaVersion: release.schemaVersion,
    },
    { format: 'csv', bom: false, encoding: 'utf-8', header: 'name', escapeFormulas: false },
    now,
  );
}

export interface ReleaseFile {
  release: ReleaseRecord;
  /** A complete file whose sha256 is the release's (checked when it was written). */
  path: string;
}

/**
 * The bytes of published releases as files, so the content-addressed download can answer
 * ranges and HEAD like any static file. A release never changes, so a file once written
 * stays right; the directory is only a cache (any file may be deleted at any time). Files
 * are written under a temporary name and renamed when complete and verified, so a reader
 * never sees half a file, and processes sharing the directory race harmlessly.
 */
export class ReleaseFiles {
  private readonly writing = new Map<string, Promise<string>>();

  constructor(
    private readonly db: Database,
    private readonly dir: string,
  ) {}

  /** Undefined when no release with these bytes is published at `now` (embargoed ones included). */
  async find(sha256: string, now: Date): Promise<ReleaseFile | undefined> {
    const release = await publishedReleaseBySha256(this.db.knex, sha256, now);
    if (!release) return undefined;
    const file = path.join(this.dir, `${sha256}.csv`);
    if (fs.existsSync(file)) return { release, path: file };
    let done = this.writing.get(sha256);
    if (!done) {
      done = this.write(release, file, now).finally(() => this.writing.delete(sha256));
      this.writing.set(sha256, done);
    }
    return { release, path: await done };
  }

  private async write(release: ReleaseRecord, file: string, now: Date): Promise<string> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      const body = await (await openReleaseCsv(this.db, release, now)).open();
      await pipeline(body, tap, fs.createWriteStream(tmp, { flags: 'wx' }));
      const digest = hash.digest('hex');
      // The URL promises these bytes; a mismatch must never be served under it.
      if (digest !== release.sha256) {
        throw new Error(`release ${release.id} exported with sha256 ${digest}, recorded ${release.sha256}`);
      }
      await fs.promises.rename(tmp, file);
      return file;
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
  }
}
