import { findSchemaVersion, getDataset, MAX_TEXT_LENGTH, noSchema } from '../catalog';
import type { Database } from '../db';
import { AppError, ValidationError } from '../errors';
import { longerThan } from '../schemas';
import { decodeUpload } from './decode';
import { parseCsvRecords } from './parse-csv';
import { parseJsonArray, parseNdjson } from './parse-json';
import { publishRelease, type PublishInput, type PublishOutcome } from './publish-release';

export type UploadFormat = 'csv' | 'json' | 'ndjson';

const MEDIA_TYPES: Record<string, UploadFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/plain': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
};

export function uploadFormat(mediaType: string | undefined): UploadFormat {
  const format = mediaType ? MEDIA_TYPES[mediaType.toLowerCase()] : undefined;
  if (!format) {
    throw new AppError(
      'unsupported',
      'unsupported_media_type',
      `Upload as text/csv, application/json or application/x-ndjson`,
      {
        contentType: mediaType ?? null,
        accepted: Object.keys(MEDIA_TYPES),
      },
    );
  }
  return format;
}

export interface UploadInput extends Omit<PublishInput, 'records'> {
  body: AsyncIterable<Buffer | Uint8Array | string>;
  format: UploadFormat;
  charset?: string;
  limitBytes: number;
}

/**
 * The texts stored with a release and repeated in every listing of it, bounded. Exported so
 * an edge can refuse them before it reads a single byte of the upload.
 */
export function checkReleaseTexts(texts: { note?: string | null; reason?: string | null }): void {
  for (const [parameter, text] of Object.entries(texts)) {
    if (typeof text === 'string' && longerThan(text, MAX_TEXT_LENGTH)) {
      throw new ValidationError(
        'invalid_parameter',
        `${parameter} may be at most ${MAX_TEXT_LENGTH} characters`,
        {
          parameter,
          maxLength: MAX_TEXT_LENGTH,
        },
      );
    }
  }
}

/**
 * An agency's file, from bytes to a release: decode, parse, then the common publishing
 * path. Everything streams; a failure anywhere rolls the whole upload back.
 */
export async function ingestUpload(db: Database, input: UploadInput): Promise<PublishOutcome> {
  const now = input.now ?? new Date();
  if (input.publishAt && input.publishAt.getTime() < now.getTime() - 60_000) {
    // History must not be rewritten: what was public at a past instant is fixed.
    throw new ValidationError('invalid_parameter', 'publishAt may not lie in the past', {
      parameter: 'publishAt',
    });
  }
  checkReleaseTexts({ note: input.note, reason: input.revise?.reason });
  const dataset = await getDataset(db.knex, input.datasetId);
  const version =
    dataset.currentVersion === null
      ? undefined
      : await findSchemaVersion(db.knex, dataset.id, dataset.currentVersion);
  if (!version) throw noSchema(dataset.id);
  const text = decodeUpload(input.body, { declaredCharset: input.charset, limitBytes: input.limitBytes });
  const parse =
    input.format === 'csv' ? parseCsvRecords : input.format === 'json' ? parseJsonArray : parseNdjson;
  return publishRelease(db, { ...input, now, records: parse(text, version.schema) });
}
