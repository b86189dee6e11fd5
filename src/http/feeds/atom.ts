import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { Dataset, Interpretation, ReleaseRecord } from '../../catalog';
import type { LocalizedText } from '../../schemas';
import { releaseCsvUrl } from '../packages/data-package';
import { releaseTitle } from '../presenters/release-title';
import { releaseContent } from './entry-content';

const ATOM = 'http://www.w3.org/2005/Atom';
const XML = 'http://www.w3.org/XML/1998/namespace';
const XMLNS = 'http://www.w3.org/2000/xmlns/';
/**
 * Our extension namespace (RFC 4287 §6): `od:sha256` on the enclosure link. A foreign
 * attribute on the link binds the checksum to the exact file it describes, beside the
 * `length` Atom already puts there; readers that do not know it ignore it, as §6.3 asks.
 * The content repeats it for people.
 */
export const OPEN_DATA_NS = 'tag:open-data.shanxi.gov.cn,2017:atom';

export interface FeedEntry {
  release: ReleaseRecord;
  dataset: Dataset;
  /** Size of the release's data.csv, the enclosure's `length`. */
  bytes: number;
  /** Publication, or the later addition of its interpretation. */
  updatedAt: Date;
  interpretation?: Interpretation;
}

export interface FeedHead {
  /** The feed's own URL: its self link and its id. */
  self: string;
  /** The web page the feed follows. */
  page: string;
  title: LocalizedText;
  /** For a feed with no entry yet. */
  updatedFallback: Date;
}

/**
 * xmlbuilder2 writes `&` as `&amp;` except where it already starts one of the five
 * predefined entity references (its BaseWriter's nonEntityAmpersandRegex), so a title
 * holding the text `&lt;b&gt;` would reach readers as `<b>`, and escaped HTML content as
 * live markup. Turning every `&` into `&amp;` first leaves the library nothing to skip:
 * every value then arrives exactly as given.
 */
const literal = (value: string): string => value.replace(/&/g, '&amp;');

function ele(
  parent: XMLBuilder,
  name: string,
  attrs: Record<string, string> = {},
  text?: string,
): XMLBuilder {
  const el = parent.ele(name, Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, literal(v)])));
  if (text !== undefined) el.txt(literal(text));
  return el;
}

const SITE = { zh: '山西省政务公开数据平台', en: 'Shanxi Open Government Data' };

/** A permanent entry id that survives a change of the serving address's scheme or port. */
function entryId(base: string, r: ReleaseRecord): string {
  return `tag:${new URL(base).hostname},2017:release/${r.datasetId}/${r.period}/r${r.revision}`;
}

function person(parent: XMLBuilder, tag: 'author' | 'contributor', name: string, uri: string | null): void {
  const p = ele(parent, tag);
  ele(p, 'name', {}, name);
  if (uri) ele(p, 'uri', {}, uri);
}

function addEntry(feed: XMLBuilder, base: string, e: FeedEntry): void {
  const { release: r, dataset: d, interpretation: i } = e;
  const datasetPath = encodeURIComponent(d.id);
  const csv = releaseCsvUrl(base, r);
  const title = releaseTitle(d.title, r.period, r.revision);
  const entry = ele(feed, 'entry');
  ele(entry, 'id', {}, entryId(base, r));
  ele(entry, 'title', { type: 'text' }, title.zh);
  ele(entry, 'published', {}, r.publishAt.toISOString());
  ele(entry, 'updated', {}, e.updatedAt.toISOString());
  const [lead, ...partners] = d.agencies;
  if (lead) person(entry, 'author', lead.name.zh, lead.homepage);
  for (const a of partners) person(entry, 'contributor', a.name.zh, a.homepage);
  for (const theme of d.themes) ele(entry, 'category', { term: theme, label: theme });
  ele(entry, 'link', { rel: 'alternate', type: 'text/html', href: `${base}/datasets/${datasetPath}` });
  ele(entry, 'link', {
    rel: 'enclosure',
    type: 'text/csv',
    length: String(e.bytes),
    href: csv,
    title: title.zh,
  }).att(OPEN_DATA_NS, 'od:sha256', r.sha256);
  ele(entry, 'link', {
    rel: 'describedby',
    type: 'application/json',
    href: csv.replace(/data\.csv\?/, 'datapackage.json?'),
  });
  if (i?.url) ele(entry, 'link', { rel: 'related', type: 'text/html', href: i.url, title: '解读' });
  ele(
    entry,
    'summary',
    { type: 'text' },
    `${title.zh}：${r.rowCount} 行，SHA-256 ${r.sha256}${i ? '，附解读' : ''}。` +
      ` ${title.en}: ${r.rowCount} rows${i ? ', with an interpretation' : ''}.`,
  );
  ele(entry, 'content', { type: 'html' }, releaseContent(e, csv, title));
}

/** An Atom 1.0 document (RFC 4287) of releases, written by xmlbuilder2, which escapes every text and attribute. */
export function atomFeed(base: string, head: FeedHead, entries: readonly FeedEntry[]): string {
  const updated = entries.reduce(
    (max, e) => (e.updatedAt > max ? e.updatedAt : max),
    entries[0]?.updatedAt ?? head.updatedFallback,
  );
  const feed = create({ version: '1.0', encoding: 'UTF-8' })
    .ele(ATOM, 'feed')
    .att(XML, 'xml:lang', 'zh-CN')
    .att(XMLNS, 'xmlns:od', OPEN_DATA_NS);
  ele(feed, 'id', {}, head.self);
  ele(feed, 'title', { type: 'text' }, `${head.title.zh} · ${SITE.zh}`);
  ele(feed, 'subtitle', { type: 'text' }, `${head.title.en} · ${SITE.en}`);
  ele(feed, 'updated', {}, updated.toISOString());
  ele(feed, 'link', { rel: 'self', type: 'application/atom+xml', href: head.self });
  ele(feed, 'link', { rel: 'alternate', type: 'text/html', href: head.page });
  // Entries name their agency; this covers the feed itself (RFC 4287 §4.1.1 wants an author).
  person(feed, 'author', SITE.zh, `${base}/`);
  ele(feed, 'generator', {}, 'shanxi-open-data');
  for (const e of entries) addEntry(feed, base, e);
  return feed.end({ prettyPrint: true });
}
