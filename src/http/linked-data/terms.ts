/** A JSON-LD node or value; the graph is plain data until it is serialised. */
export type Node = Record<string, unknown>;

/** The same text in Chinese and English, language-tagged (zh first: the site's language). */
export const bilingual = (t: { zh: string; en: string }): Node[] => [
  { '@value': t.zh, '@language': 'zh' },
  { '@value': t.en, '@language': 'en' },
];

export const zh = (text: string): Node => ({ '@value': text, '@language': 'zh' });

export const typed = (value: string, datatype: string): Node => ({ '@value': value, '@type': datatype });

export const dateTime = (d: Date): Node => typed(d.toISOString(), 'xsd:dateTime');

export const date = (isoDay: string): Node => typed(isoDay, 'xsd:date');

export const ref = (iri: string): Node => ({ '@id': iri });
