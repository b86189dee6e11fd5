import type { DatasetSummary } from '../../catalog';
import { parsePeriod, periodEnd, periodStart } from '../../periods';
import type { FieldDef, LocalizedText } from '../../schemas';
import { licenceUrl } from '../presenters/licence';
import { cadenceRule } from '../web/format';
import type { Lang } from '../web/i18n';
import type { Node } from './terms';
import { linkedUrls } from './urls';
import { ADMS_STATUS, PLATFORM_NAME } from './vocabulary';

/** Google's Dataset rich results ask for a description of 50 to 5000 characters. */
const MIN_DESCRIPTION = 50;
const MAX_DESCRIPTION = 5000;

const other = (lang: Lang): Lang => (lang === 'en' ? 'zh' : 'en');

/** Both languages, tagged, the reader's first (a search engine takes the first it reads). */
const texts = (lang: Lang, t: LocalizedText): Node[] =>
  [lang, other(lang)].map((l) => ({ '@language': l, '@value': t[l] }));

function description(lang: Lang, s: DatasetSummary): string {
  const d = s.dataset;
  const sep = lang === 'en' ? '. ' : '。';
  let text = `${d.description[lang]} ${cadenceRule(lang, d)}${sep}${d.legalBasis} ${d.clause}`;
  if (text.length < MIN_DESCRIPTION) text += ` ${d.description[other(lang)]}`;
  return text.slice(0, MAX_DESCRIPTION);
}

/**
 * schema.org `Dataset`: what /api/v1/datasets/{id}.jsonld serves and what the dataset page
 * embeds for search engines, from this one builder. It follows Google's required (name,
 * description) and recommended properties; URLs are absolute, as the guidelines require.
 * Only public fields are named, and the downloads are the public exports.
 */
export function schemaOrgDataset(
  s: DatasetSummary,
  fields: readonly FieldDef[],
  base: string,
  lang: Lang = 'zh',
): Node {
  const d = s.dataset;
  const urls = linkedUrls(base);
  const { firstPeriod, lastPeriod } = s.stats;
  const organization = (a: (typeof d.agencies)[number]) => ({
    '@type': 'GovernmentOrganization',
    name: texts(lang, a.name),
    url: a.homepage ?? `${base}/agencies/${a.id}`,
  });
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': urls.dataset(d.id),
    name: texts(lang, d.title),
    description: [lang, other(lang)].map((l) => ({ '@language': l, '@value': description(l, s) })),
    url: urls.page(d.id),
    identifier: d.id,
    keywords: [...d.themes, ...d.tags],
    inLanguage: 'zh-CN',
    license: licenceUrl(d.licence),
    isAccessibleForFree: true,
    creator: d.agencies.slice(0, 1).map(organization),
    contributor: d.agencies.slice(1).map(organization),
    publisher: { '@type': 'GovernmentOrganization', name: texts(lang, PLATFORM_NAME), url: base },
    spatialCoverage: { '@type': 'Place', name: texts(lang, { zh: '中国山西省', en: 'Shanxi, China' }) },
    ...(firstPeriod && lastPeriod
      ? {
          temporalCoverage: `${periodStart(parsePeriod(firstPeriod))}/${periodEnd(parsePeriod(lastPeriod))}`,
        }
      : {}),
    ...(s.stats.lastUpdated ? { dateModified: s.stats.lastUpdated.toISOString() } : {}),
    dateCreated: d.createdAt,
    ...(d.status.status === 'active' ? {} : { creativeWorkStatus: ADMS_STATUS[d.status.status].label }),
    variableMeasured: fields.map((f) => ({
      '@type': 'PropertyValue',
      name: texts(lang, f.title),
      propertyID: f.name,
      ...(f.unit ? { unitText: f.unit } : {}),
    })),
    distribution:
      d.currentVersion === null
        ? []
        : [
            { '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: urls.exportCsv(d.id) },
            {
              '@type': 'DataDownload',
              encodingFormat: 'application/json',
              contentUrl: urls.exportJson(d.id),
            },
          ],
  };
}
