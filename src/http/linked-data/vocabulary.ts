import type { Cadence, DatasetStatus } from '../../catalog';

/** Namespaces of the DCAT-AP 2.1 graph; the JSON-LD context and the Turtle prefixes share them. */
export const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  adms: 'http://www.w3.org/ns/adms#',
  spdx: 'http://spdx.org/rdf/terms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
} as const;

/** Prefixes only: every key in the document stays a readable `prefix:name`. */
export const DCAT_CONTEXT: Record<string, string> = { ...NS };

const EU = 'http://publications.europa.eu/resource/authority';

/**
 * The EU frequency vocabulary. A pentad (候, five days, six a month) has no entry there, so
 * it is OTHER with its grain said exactly by dcat:temporalResolution.
 */
const FREQUENCY: Record<Cadence, string> = {
  weekly: 'WEEKLY',
  pentad: 'OTHER',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  half_yearly: 'ANNUAL_2',
  annual: 'ANNUAL',
  irregular: 'IRREG',
};

export const frequencyIri = (c: Cadence) => `${EU}/frequency/${FREQUENCY[c]}`;

/** Only a grain the frequency vocabulary cannot name is spelt out as a duration. */
export const TEMPORAL_RESOLUTION: Partial<Record<Cadence, string>> = { pentad: 'P5D' };

/**
 * ADMS status for the notice's marks. 废止 (repealed: the duty to publish was abolished)
 * is Withdrawn; 失效 (expired: the duty lapsed, typically replaced by a newer rule) is
 * Deprecated. An active dataset carries no status: ADMS's Completed would wrongly say a
 * running series is finished.
 */
export const ADMS_STATUS: Record<Exclude<DatasetStatus, 'active'>, { iri: string; label: string }> = {
  repealed: { iri: 'http://purl.org/adms/status/Withdrawn', label: 'Withdrawn' },
  expired: { iri: 'http://purl.org/adms/status/Deprecated', label: 'Deprecated' },
};
export const ADMS_STATUS_SCHEME = 'http://purl.org/adms/status/1.0';

export const CSV_MEDIA_TYPE = 'https://www.iana.org/assignments/media-types/text/csv';
export const CSV_FILE_TYPE = `${EU}/file-type/CSV`;
export const CHINESE = `${EU}/language/ZHO`;

/** Who runs the site: the catalogue's publisher, and schema.org's publisher of each dataset. */
export const PLATFORM_NAME = { zh: '山西省政务公开数据平台', en: 'Shanxi Open Government Data' } as const;
