import { ValidationError } from '../../errors';

/**
 * The part of Solr's query syntax that CKAN clients send in `q` and `fq`: `field:value`,
 * `field:"a phrase"`, `field:(a OR b)`, `field:[from TO to]`, a leading `+`, `-` or `NOT`,
 * `OR` between clauses, and `*:*`. The CKAN harvester sends
 * `organization:a OR organization:b metadata_modified:[2026-01-01T00:00:00Z TO *]`.
 * As with CKAN's `q.op=AND`, clauses side by side must all hold.
 */
export type ValueMatch =
  { kind: 'any'; values: string[] } | { kind: 'range'; from: string | null; to: string | null };

export interface Clause {
  field: string;
  negate: boolean;
  match: ValueMatch;
}

export interface ParsedQuery {
  /** Every group must hold; a group holds when any of its clauses does. */
  groups: Clause[][];
  /** Words outside any `field:` clause: free text (only `q` has them). */
  text: string[];
}

const invalid = (parameter: string, message: string) =>
  new ValidationError('invalid_search_query', message, { parameter });

/** Splits into tokens, keeping quoted phrases, (…) and […] groups together. */
function tokenize(input: string, parameter: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < input.length && !/\s/.test(input[j]!)) {
      const c = input[j]!;
      const close = c === '"' ? '"' : c === '(' ? ')' : c === '[' ? ']' : c === '{' ? '}' : null;
      if (close) {
        const end = input.indexOf(close, j + 1);
        if (end === -1) throw invalid(parameter, `Unbalanced ${c} in ${parameter}`);
        j = end + 1;
      } else if (c === '\\') {
        j += 2;
      } else {
        j++;
      }
    }
    tokens.push(input.slice(i, j));
    i = j;
  }
  return tokens;
}

const unquote = (v: string) => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);
const unescape = (v: string) => v.replace(/\\(.)/g, '$1');

function parseValue(raw: string, parameter: string): ValueMatch {
  const range = /^[[{]\s*(\S+)\s+TO\s+(\S+)\s*[\]}]$/.exec(raw);
  if (range) {
    const end = (v: string) => (v === '*' ? null : unescape(unquote(v)));
    return { kind: 'range', from: end(range[1]!), to: end(range[2]!) };
  }
  if (raw.startsWith('(') && raw.endsWith(')')) {
    const values = tokenize(raw.slice(1, -1), parameter).filter((t) => t !== 'OR');
    if (values.length === 0) throw invalid(parameter, `Empty (…) in ${parameter}`);
    return { kind: 'any', values: values.map((v) => unescape(unquote(v))) };
  }
  return { kind: 'any', values: [unescape(unquote(raw))] };
}

const CLAUSE = /^([A-Za-z_][\w.]*):(.+)$/s;

/**
 * Parses `input`. `fields` are the names a clause may use; in `q`, a `name:` that is not
 * one of them reads as text (CKAN would pass it to Solr), in `fq` it is refused.
 */
export function parseSolrQuery(
  input: string | undefined,
  parameter: 'q' | 'fq',
  fields: ReadonlySet<string>,
): ParsedQuery {
  const out: ParsedQuery = { groups: [], text: [] };
  if (!input || input.trim() === '' || input.trim() === '*:*') return out;
  let joinNext = false;
  let pendingNot = false;
  for (const token of tokenize(input, parameter)) {
    if (token === 'OR' || token === '||') {
      if (out.groups.length === 0) throw invalid(parameter, `${parameter} cannot start with OR`);
      joinNext = true;
      continue;
    }
    if (token === 'AND' || token === '&&') continue;
    if (token === 'NOT') {
      pendingNot = true;
      continue;
    }
    if (token === '*:*') continue;
    let negate = pendingNot;
    pendingNot = false;
    let body = token;
    if (body.startsWith('+')) body = body.slice(1);
    else if (body.startsWith('-') || body.startsWith('!')) {
      negate = !negate;
      body = body.slice(1);
    }
    const m = CLAUSE.exec(body);
    if (!m || !fields.has(m[1]!)) {
      if (parameter === 'fq') {
        throw invalid(
          parameter,
          m
            ? `fq cannot filter on ${m[1]}; use one of ${[...fields].join(', ')}`
            : `fq takes field:value clauses, not ${JSON.stringify(token)}`,
        );
      }
      out.text.push(unescape(unquote(token)));
      joinNext = false;
      continue;
    }
    const clause: Clause = { field: m[1]!, negate, match: parseValue(m[2]!, parameter) };
    if (joinNext) out.groups[out.groups.length - 1]!.push(clause);
    else out.groups.push([clause]);
    joinNext = false;
  }
  if (joinNext) throw invalid(parameter, `${parameter} cannot end with OR`);
  return out;
}

/** Values compared as Solr compares them here: case-insensitively, `*` anywhere as a wildcard. */
function valueMatches(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  if (!p.includes('*')) return p === v;
  const re = new RegExp(
    `^${p
      .split('*')
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
  return re.test(v);
}

/** Solr dates (`2026-01-01T00:00:00.123456Z`, `NOW`) as milliseconds; other text as itself. */
function comparable(v: string, now: Date): number | string {
  if (v === 'NOW') return now.getTime();
  const m = /^(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?)(\.\d+)?Z?$/.exec(v);
  if (!m) return v;
  const ms = (m[2] ?? '').slice(0, 4).padEnd(4, '0');
  const t = Date.parse(`${m[1]}${m[1]!.includes('T') ? '' : 'T00:00:00'}${ms === '0000' ? '' : ms}Z`);
  return Number.isNaN(t) ? v : t;
}

function inRange(value: string, from: string | null, to: string | null, now: Date): boolean {
  const v = comparable(value, now);
  const lo = from === null ? null : comparable(from, now);
  const hi = to === null ? null : comparable(to, now);
  if (lo !== null && (typeof lo !== typeof v || v < lo)) return false;
  if (hi !== null && (typeof hi !== typeof v || v > hi)) return false;
  return true;
}

function clauseHolds(c: Clause, doc: ReadonlyMap<string, readonly string[]>, now: Date): boolean {
  const values = doc.get(c.field) ?? [];
  const m = c.match;
  const hit =
    m.kind === 'range'
      ? values.some((v) => inRange(v, m.from, m.to, now))
      : values.some((v) => m.values.some((p) => valueMatches(p, v)));
  return c.negate ? !hit : hit;
}

/** Whether a document (field → values) satisfies every group of the parsed queries. */
export function matchesAll(
  queries: readonly ParsedQuery[],
  doc: ReadonlyMap<string, readonly string[]>,
  now: Date,
): boolean {
  return queries.every((q) => q.groups.every((g) => g.some((c) => clauseHolds(c, doc, now))));
}
