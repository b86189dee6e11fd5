import jsonld from 'jsonld';
import { DataFactory, Writer, type Quad, type Quad_Subject } from 'n3';
import type { Node } from './terms';
import { NS } from './vocabulary';

/**
 * Our documents carry their context inline, so nothing is ever fetched: a remote context
 * would be a request leaving the server on a reader's behalf.
 */
const noRemoteDocuments = (url: string): never => {
  throw new Error(`linked data never loads remote documents (${url})`);
};

interface JsonLdTerm {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  language?: string;
  datatype?: { value: string };
}
interface JsonLdQuad {
  subject: JsonLdTerm;
  predicate: JsonLdTerm;
  object: JsonLdTerm;
}

const { namedNode, blankNode, literal, quad } = DataFactory;

/** jsonld.js's terms as n3's; its blank node labels come with their `_:`. */
function term(t: JsonLdTerm) {
  if (t.termType === 'BlankNode') return blankNode(t.value.replace(/^_:/, ''));
  if (t.termType === 'Literal') {
    return literal(t.value, t.language || namedNode(t.datatype?.value ?? `${NS.xsd}string`));
  }
  return namedNode(t.value);
}

/** The triples of a JSON-LD document, as jsonld.js reads them (expanded, safe mode). */
export async function quadsOf(doc: Node): Promise<Quad[]> {
  const dataset = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, {
    documentLoader: noRemoteDocuments,
  })) as unknown as JsonLdQuad[];
  return dataset.map((q) => {
    // RDF subjects are IRIs or blank nodes; jsonld.js never produces a literal subject.
    return quad(term(q.subject) as Quad_Subject, namedNode(q.predicate.value), term(q.object));
  });
}

/**
 * Turtle of the same triples, with the document's prefixes. Quads are grouped by subject
 * (keeping each subject's order) so the Writer can use `;` and `,` as a person would.
 */
export async function turtleOf(doc: Node): Promise<string> {
  const quads = await quadsOf(doc);
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType}:${q.subject.value}`;
    const list = bySubject.get(key);
    if (list) list.push(q);
    else bySubject.set(key, [q]);
  }
  const writer = new Writer({ format: 'text/turtle', prefixes: { ...NS } });
  for (const list of bySubject.values()) writer.addQuads(list);
  return new Promise((resolve, reject) =>
    writer.end((err: Error | null, text: string) => (err ? reject(err) : resolve(text))),
  );
}
