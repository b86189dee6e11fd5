import type { DatasetSummary } from '../../catalog';
import { parsePeriod, periodEnd, periodStart } from '../../periods';
import type { FieldDef } from '../../schemas';
import { cadenceRule } from './format';
import { jsonScript, type Html } from './html';
import { pick, type Lang } from './i18n';
import { licenceUrl } from '../presenters/licence';

/** Google's Dataset rich results ask for a description of 50 to 5000 characters. */
const MIN_DESCRIPTION = 50;

/**
 * schema.org `Dataset` for search engines, following Google's required (name,
 * description) and recommended properties (license, creator, temporalCoverage,
 * distribution, …). URLs are absolute, as the guidelines require.
 */
export function datasetJsonLd(
  lang: Lang,
  s: DatasetSummary,
  fields: readonly FieldDef[],
  baseUrl: string,
): Html {
  const d = s.dataset;
  const api = `${baseUrl}/api/v1/datasets/${d.id}`;
  let description = `${pick(lang, d.description)} ${cadenceRule(lang, d)}. ${d.legalBasis} ${d.clause}`;
  if (description.length < MIN_DESCRIPTION)
    description += ` ${lang === 'en' ? d.description.zh : d.description.en}`;
  const { firstPeriod, lastPeriod } = s.stats;
  const organization = (a: (typeof d.agencies)[number]) => ({
    '@type': 'GovernmentOrganization',
    name: pick(lang, a.name),
    alternateName: lang === 'en' ? a.name.zh : a.name.en,
    url: a.homepage ?? `${baseUrl}/agencies/${a.id}`,
  });
  const doc = {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    name: pick(lang, d.title),
    alternateName: lang === 'en' ? d.title.zh : d.title.en,
    description: description.slice(0, 5000),
    url: `${baseUrl}/datasets/${d.id}`,
    identifier: d.id,
    keywords: [...d.themes, ...d.tags],
    inLanguage: 'zh-CN',
    license: licenceUrl(d.licence),
    isAccessibleForFree: true,
    creator: d.agencies.slice(0, 1).map(organization),
    contributor: d.agencies.slice(1).map(organization),
    publisher: {
      '@type': 'GovernmentOrganization',
      name: lang === 'en' ? 'Shanxi Open Government Data' : '山西省政务公开数据平台',
      url: baseUrl,
    },
    spatialCoverage: { '@type': 'Place', name: lang === 'en' ? 'Shanxi, China' : '中国山西省' },
    ...(firstPeriod && lastPeriod
      ? {
          temporalCoverage: `${periodStart(parsePeriod(firstPeriod))}/${periodEnd(parsePeriod(lastPeriod))}`,
        }
      : {}),
    ...(s.stats.lastUpdated ? { dateModified: s.stats.lastUpdated.toISOString() } : {}),
    dateCreated: d.createdAt,
    variableMeasured: fields.map((f) => ({
      '@type': 'PropertyValue',
      name: pick(lang, f.title),
      propertyID: f.name,
      ...(f.unit ? { unitText: f.unit } : {}),
    })),
    distribution: [
      { '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: `${api}/export.csv` },
      { '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: `${api}/export.json` },
    ],
  };
  return jsonScript(null, 'application/ld+json', doc);
}
