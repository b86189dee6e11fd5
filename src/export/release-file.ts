import { createHash } from 'node:crypto';
import { recordReleaseBytes, type ReleaseRecord } from '../catalog';
import type { Database } from '../db';
import { exportRows, type ExportResult } from './export.service';

/**
 * A release's canonical data.csv: public fields by name, rows in upload order, no BOM, no
 * formula escaping. These are exactly the bytes its stored sha256 (and byte count) were
 * computed over at publish (ingest/canonical-hash.ts), so they must never change.
 */
export function releaseFile(db: Database, release: ReleaseRecord, now: Date): Promise<ExportResult> {
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

/**
 * The size of a release's data.csv. Releases published before sizes were recorded are
 * measured once from their stream and the size is stored, but only when the stream's
 * checksum is the stored one: a size must describe the bytes the checksum describes.
 */
export async function releaseBytes(db: Database, release: ReleaseRecord, now: Date): Promise<number> {
  if (release.bytes !== null) return release.bytes;
  const body = await (await releaseFile(db, release, now)).open();
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    bytes += buf.length;
    hash.update(buf);
  }
  const digest = hash.digest('hex');
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
