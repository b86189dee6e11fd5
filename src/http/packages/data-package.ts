import type { Dataset, ReleaseRecord, SchemaVersion } from '../../catalog';
import { tableSchemaDocument } from '../../schemas';
import { SAMPLE_NOTICE } from '../presenters/catalog';
import { licenceUrl } from '../presenters/licence';
import { releaseTitle } from '../presenters/release-title';

/**
 * Frictionless Data Package (v1, profile tabular-data-package) descriptors. A resource is
 * one release: its path is the release's immutable data.csv (`?revision=N`, so the bytes
 * behind it never change; withdrawn, it answers 410 and the resource leaves the package), and `bytes`/`hash` are those of exactly that file. Its schema is
 * the public Table Schema of the release's own schema version, so restricted fields never
 * appear. Chinese text goes in the spec's plain-string `title`/`description`; English in
 * `x-title-en`/`x-description-en`, as in our published Table Schemas.
 */

export interface PackagedRelease {
  release: ReleaseRecord;
  version: SchemaVersion;
  bytes: number;
}

/** The spec restricts names to lower-case letters, digits and `-._/`. */
const resourceName = (r: ReleaseRecord) => `${r.datasetId}.${r.period.toLowerCase()}.r${r.revision}`;

export function releaseCsvUrl(base: string, r: ReleaseRecord): string {
  return `${base}/api/v1/datasets/${encodeURIComponent(r.datasetId)}/releases/${encodeURIComponent(r.period)}/data.csv?revision=${r.revision}`;
}

/** The CSV the data.csv route writes (storage/csv-line.ts): RFC 4180, LF line ends, a header of field names. */
const DIALECT = {
  delimiter: ',',
  lineTerminator: '\n',
  quoteChar: '"',
  doubleQuote: true,
  header: true,
};

/**
 * The version's public Table Schema, describing the file as served: data.csv writes a
 * missing value as an empty field whatever token the upload used (`NA`, `-`), so its
 * `missingValues` is `[""]`; everything else is the document GET …/schema serves.
 */
function fileSchema(v: SchemaVersion): object {
  return { ...tableSchemaDocument(v.schema), missingValues: [''] };
}

function resource(base: string, d: Dataset, p: PackagedRelease) {
  const { release: r, version: v } = p;
  const title = releaseTitle(d.title, r.period, r.revision);
  return {
    name: resourceName(r),
    profile: 'tabular-data-resource',
    title: title.zh,
    'x-title-en': title.en,
    path: releaseCsvUrl(base, r),
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: DIALECT,
    bytes: p.bytes,
    hash: `sha256:${r.sha256}`,
    schema: fileSchema(v),
    'x-period': r.period,
    'x-revision': r.revision,
    'x-schema-version': v.version,
    'x-row-count': r.rowCount,
    'x-published': r.publishAt.toISOString(),
  };
}

function packageOf(
  base: string,
  d: Dataset,
  current: SchemaVersion,
  parts: readonly PackagedRelease[],
  version: string,
) {
  const [lead, ...partners] = d.agencies;
  const datasetUrl = `${base}/api/v1/datasets/${encodeURIComponent(d.id)}`;
  // A package changes only when a release becomes public, so its newest publication is when this descriptor came to be.
  const created = parts.reduce(
    (max, p) => (p.release.publishAt > max ? p.release.publishAt : max),
    parts[0]?.release.publishAt ?? new Date(d.createdAt),
  );
  return {
    profile: 'tabular-data-package',
    name: d.id,
    id: datasetUrl,
    title: d.title.zh,
    'x-title-en': d.title.en,
    description: d.isSample ? `${d.description.zh}（${SAMPLE_NOTICE.zh}）` : d.description.zh,
    'x-description-en': d.isSample ? `${d.description.en} (${SAMPLE_NOTICE.en})` : d.description.en,
    homepage: `${base}/datasets/${encodeURIComponent(d.id)}`,
    // The structure's version: a MAJOR change breaks readers of the package, a new release does not.
    version,
    created: created.toISOString(),
    keywords: [...new Set([...d.themes, ...d.tags])],
    licenses: [{ name: d.licence, path: licenceUrl(d.licence), title: d.licence }],
    sources: d.agencies.map((a) => ({
      title: a.name.zh,
      ...(a.homepage ? { path: a.homepage } : {}),
    })),
    contributors: [
      ...(lead
        ? [{ title: lead.name.zh, role: 'publisher', ...(lead.homepage ? { path: lead.homepage } : {}) }]
        : []),
      ...partners.map((a) => ({
        title: a.name.zh,
        role: 'contributor',
        ...(a.homepage ? { path: a.homepage } : {}),
      })),
    ],
    'x-legal-basis': `${d.legalBasis} ${d.clause}`,
    'x-status': d.status.status,
    'x-sample': d.isSample,
    // Releases keep the schema version they were validated against; this is the one new uploads meet.
    'x-current-schema': {
      version: current.version,
      semver: current.semver,
      path: `${datasetUrl}/schema`,
      schema: tableSchemaDocument(current.schema),
    },
    resources: parts.map((p) => resource(base, d, p)),
  };
}

/** Every public period of a dataset, newest revision of each, oldest period first. */
export function datasetPackage(
  base: string,
  d: Dataset,
  current: SchemaVersion,
  parts: readonly PackagedRelease[],
) {
  return packageOf(base, d, current, parts, current.semver);
}

/** One release: a package of one resource, named for its period and revision. */
export function releasePackage(base: string, d: Dataset, current: SchemaVersion, part: PackagedRelease) {
  const pkg = packageOf(base, d, current, [part], part.version.semver);
  return {
    ...pkg,
    name: resourceName(part.release),
    id: releaseCsvUrl(base, part.release).replace(/data\.csv\?/, 'datapackage.json?'),
    title: pkg.resources[0]!.title,
    'x-title-en': pkg.resources[0]!['x-title-en'],
  };
}
