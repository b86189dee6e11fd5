import type { Agency, Dataset, ReleaseRecord } from '../../catalog';
import { parsePeriod, periodEnd, periodLabelEn, periodLabelZh, periodStart } from '../../periods';
import { metadataModified } from '../ckan/presenters/package';
import { releaseResourceId } from '../ckan/resources';
import { licenceUrl } from '../presenters/licence';
import type { PublicEntry } from './catalog-source';
import { bilingual, date, dateTime, ref, typed, zh, type Node } from './terms';
import type { LinkedUrls } from './urls';
import {
  ADMS_STATUS,
  ADMS_STATUS_SCHEME,
  CHINESE,
  CSV_FILE_TYPE,
  CSV_MEDIA_TYPE,
  DCAT_CONTEXT,
  frequencyIri,
  PLATFORM_NAME,
  TEMPORAL_RESOLUTION,
} from './vocabulary';

/**
 * Nodes that many datasets point at (agencies, themes, vocabulary terms) are written once
 * in the top-level @graph and referenced by @id; each dataset's own nodes nest inside it.
 * The class of every term is stated, as DCAT-AP's range shapes check them.
 */
class SharedNodes {
  private readonly nodes = new Map<string, Node>();
  ref(iri: string, make: () => Node): Node {
    if (!this.nodes.has(iri)) this.nodes.set(iri, { '@id': iri, ...make() });
    return ref(iri);
  }
  term(iri: string, type: string): Node {
    return this.ref(iri, () => ({ '@type': type }));
  }
  all(): Node[] {
    return [...this.nodes.values()];
  }
}

function agent(shared: SharedNodes, urls: LinkedUrls, a: Agency): Node {
  return shared.ref(urls.agency(a.id), () => ({
    '@type': ['foaf:Agent', 'foaf:Organization'],
    'foaf:name': bilingual(a.name),
    ...(a.homepage ? { 'foaf:homepage': ref(a.homepage) } : {}),
  }));
}

function theme(shared: SharedNodes, urls: LinkedUrls, label: string): Node {
  return shared.ref(urls.theme(label), () => ({
    '@type': 'skos:Concept',
    'skos:prefLabel': zh(label),
    'skos:inScheme': ref(urls.themeScheme),
  }));
}

function csvDistributionTerms(shared: SharedNodes, d: Dataset): Node {
  return {
    'dcat:mediaType': shared.term(CSV_MEDIA_TYPE, 'dct:MediaType'),
    'dct:format': shared.term(CSV_FILE_TYPE, 'dct:MediaTypeOrExtent'),
    'dct:license': shared.term(licenceUrl(d.licence), 'dct:LicenseDocument'),
  };
}

/** One period's current revision: its immutable data.csv and the sha256 of exactly those bytes. */
function releaseDistribution(shared: SharedNodes, urls: LinkedUrls, d: Dataset, r: ReleaseRecord): Node {
  const p = parsePeriod(r.period);
  const file = urls.releaseCsv(d.id, r.period, r.revision);
  return {
    '@id': `${urls.page(d.id)}#release-${encodeURIComponent(r.period)}-r${r.revision}`,
    '@type': 'dcat:Distribution',
    'dct:identifier': releaseResourceId(r),
    'dct:title': bilingual({
      zh: `${periodLabelZh(p)}（第${r.revision}版）`,
      en: `${periodLabelEn(p)} (revision ${r.revision})`,
    }),
    'dcat:accessURL': ref(urls.page(d.id)),
    'dcat:downloadURL': ref(file),
    ...csvDistributionTerms(shared, d),
    'dct:issued': dateTime(r.publishAt),
    'dct:conformsTo': shared.term(urls.schemaVersion(d.id, r.schemaVersion), 'dct:Standard'),
    'spdx:checksum': {
      '@type': 'spdx:Checksum',
      'spdx:algorithm': ref('http://spdx.org/rdf/terms#checksumAlgorithm_sha256'),
      'spdx:checksumValue': typed(r.sha256, 'xsd:hexBinary'),
    },
  };
}

/** Every current row as one file; it changes with each release, so it has no checksum. */
function fullDistribution(shared: SharedNodes, urls: LinkedUrls, e: PublicEntry): Node {
  const d = e.summary.dataset;
  const { lastUpdated } = e.summary.stats;
  return {
    '@id': `${urls.page(d.id)}#all-data`,
    '@type': 'dcat:Distribution',
    'dct:identifier': d.id,
    'dct:title': bilingual({ zh: '全部数据（CSV）', en: 'All data (CSV)' }),
    'dct:description': bilingual({
      zh: '每个周期当前版本的全部数据，一个文件。',
      en: 'The current revision of every period, as one file.',
    }),
    'dcat:accessURL': ref(urls.page(d.id)),
    'dcat:downloadURL': ref(urls.exportCsv(d.id)),
    ...csvDistributionTerms(shared, d),
    ...(lastUpdated ? { 'dct:modified': dateTime(lastUpdated) } : {}),
    ...(d.currentVersion !== null
      ? { 'dct:conformsTo': shared.term(urls.schemaVersion(d.id, d.currentVersion), 'dct:Standard') }
      : {}),
  };
}

function datasetNode(shared: SharedNodes, urls: LinkedUrls, e: PublicEntry): Node {
  const d = e.summary.dataset;
  const { firstPeriod, lastPeriod } = e.summary.stats;
  const modified = metadataModified(e.summary);
  const lead = d.agencies[0];
  const mark = d.status.status === 'active' ? undefined : ADMS_STATUS[d.status.status];
  const resolution = TEMPORAL_RESOLUTION[d.cadence];
  return {
    '@id': urls.dataset(d.id),
    '@type': 'dcat:Dataset',
    'dct:identifier': d.id,
    'dct:title': bilingual(d.title),
    'dct:description': bilingual(d.description),
    ...(lead ? { 'dct:publisher': agent(shared, urls, lead) } : {}),
    'dct:accrualPeriodicity': shared.term(frequencyIri(d.cadence), 'dct:Frequency'),
    ...(resolution ? { 'dcat:temporalResolution': typed(resolution, 'xsd:duration') } : {}),
    ...(firstPeriod && lastPeriod
      ? {
          'dct:temporal': {
            '@type': 'dct:PeriodOfTime',
            'dcat:startDate': date(periodStart(parsePeriod(firstPeriod))),
            'dcat:endDate': date(periodEnd(parsePeriod(lastPeriod))),
          },
        }
      : {}),
    'dct:issued': dateTime(new Date(d.createdAt)),
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
    ...(d.currentVersion !== null
      ? { 'dct:conformsTo': shared.term(urls.schemaVersion(d.id, d.currentVersion), 'dct:Standard') }
      : {}),
    'dcat:keyword': d.tags.map(zh),
    'dcat:theme': d.themes.map((t) => theme(shared, urls, t)),
    'dct:language': shared.term(CHINESE, 'dct:LinguisticSystem'),
    ...(mark
      ? {
          'adms:status': shared.ref(mark.iri, () => ({
            '@type': 'skos:Concept',
            'skos:prefLabel': { '@value': mark.label, '@language': 'en' },
            'skos:inScheme': ref(ADMS_STATUS_SCHEME),
          })),
        }
      : {}),
    'dcat:landingPage': { '@id': urls.page(d.id), '@type': 'foaf:Document' },
    'dcat:distribution':
      d.currentVersion === null
        ? []
        : [
            fullDistribution(shared, urls, e),
            ...e.releases.map((r) => releaseDistribution(shared, urls, d, r)),
          ],
  };
}

const latestOf = (dates: Array<Date | null>): Date | null =>
  dates.reduce<Date | null>((m, d) => (d && (!m || d > m) ? d : m), null);

/**
 * The DCAT-AP 2.1 catalogue as one JSON-LD document: the single source of both
 * serialisations (/catalog.jsonld as is, /catalog.ttl through the same triples). It holds
 * what is public at the instant the entries were read, and no field of any schema.
 */
export function dcatCatalog(entries: readonly PublicEntry[], urls: LinkedUrls): Node {
  const shared = new SharedNodes();
  const datasets = entries.map((e) => datasetNode(shared, urls, e));
  const modified = latestOf(entries.map((e) => metadataModified(e.summary)));
  const themes = [...new Set(entries.flatMap((e) => e.summary.dataset.themes))];
  for (const t of themes) theme(shared, urls, t);
  const catalog: Node = {
    '@id': urls.catalog,
    '@type': 'dcat:Catalog',
    'dct:title': bilingual({ zh: `${PLATFORM_NAME.zh}数据目录`, en: `${PLATFORM_NAME.en} catalogue` }),
    'dct:description': bilingual({
      zh: '依据《晋政办发〔2017〕50号》公开的周期性政府数据：每个数据集、每个周期的发布文件及其 SHA-256 校验值。',
      en: 'Periodic government data published under notice 晋政办发〔2017〕50号: every dataset, and each period’s release file with its SHA-256 checksum.',
    }),
    'dct:publisher': shared.ref(urls.platform, () => ({
      '@type': 'foaf:Agent',
      'foaf:name': bilingual(PLATFORM_NAME),
    })),
    'foaf:homepage': { '@id': urls.home, '@type': 'foaf:Document' },
    'dct:language': shared.term(CHINESE, 'dct:LinguisticSystem'),
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
    'dcat:themeTaxonomy': shared.ref(urls.themeScheme, () => ({
      '@type': 'skos:ConceptScheme',
      'dct:title': bilingual({ zh: '主题', en: 'Themes' }),
    })),
    'dcat:dataset': datasets,
  };
  return { '@context': DCAT_CONTEXT, '@graph': [catalog, ...shared.all()] };
}
