import { createHash } from 'node:crypto';
import { recordReleaseBytes, type ReleaseRecord } from '../catalog';
import type { Database } from '../db';
import { openReleaseCsv } from './release-file';

/**
 * The size of a release's data.csv. Releases published before sizes were recorded are
 * measured once from their stream and the size is stored, but only when the stream's
 * checksum is the stored one: a size must describe the bytes the checksum describes.
 */
export async function releaseBytes(db: Database, release: ReleaseRecord, now: Date): Promise<number> {
  if (release.bytes !== null) return release.bytes;
  const body = await (await openReleaseCsv(db, release, now)).open();
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    bytes += buf.length;
    hash.update(buf);
  }
  const digest = hash.digest('hex');
  // An invariant, not a user error: the stored checksum was computed over these very bytes.
  if (digest !== release.sha256) {
    throw new Error(`release ${release.id}: data.csv hashes to ${digest}, not its stored ${release.sha256}`);
  }
  await recordReleaseBytes(db.knex, release.id, bytes);
  return bytes;
}

/** Sizes of many releases (those already recorded cost nothing), in their order. */
export async function releasesBytes(
  db: Database,
  releases: readonly ReleaseRecord[],
  now: Date,
): Promise<number[]> {
  const out: number[] = [];
  // One at a time: each unmeasured release is a full COPY of its rows.
  for (const r of releases) out.push(await releaseBytes(db, r, now));
  return out;
}
