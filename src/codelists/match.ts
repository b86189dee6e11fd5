import { distance } from 'fastest-levenshtein';

/** A value someone may have meant, with the names it is also known by. */
export interface Candidate {
  value: string;
  /** Display names and aliases; a term equal to one of them names this value. */
  names: readonly string[];
}

/**
 * How a suggestion was found: `name` — the term is one of the value's names (太原 for
 * 140100), `partial` — the term is part of a name or contains one (环保 for 省环保厅),
 * `similar` — a near spelling (Taiyaun).
 */
export type SuggestionMatch = 'name' | 'partial' | 'similar';

export interface Suggestion {
  value: string;
  match: SuggestionMatch;
}

/** Case, width, accents and runs of spaces do not change what a term names (Lüliang = luliang). */
export function foldTerm(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** One Chinese character is a word (猪); one Latin letter is not. */
const longEnoughForPartial = (term: string) => /\p{Script=Han}/u.test(term) || [...term].length >= 2;

/**
 * Longer terms are only looked up by name: no name or code is this long, and comparing a
 * long term with every allowed value (an enum may hold thousands) would let a client buy
 * hundreds of milliseconds of CPU with one query string.
 */
export const MAX_SUGGESTED_TERM_LENGTH = 64;

/** Edits allowed for a near spelling: about one in three characters, at least one. */
const maxEdits = (term: string) => Math.max(1, Math.floor([...term].length / 3));

// Folding is the costly part of a lookup; a list of allowed values (one per schema field,
// kept by the caller) is folded once.
const folded = new WeakMap<Candidate, string[]>();

function spellings(c: Candidate): string[] {
  let out = folded.get(c);
  if (!out) folded.set(c, (out = [c.value, ...c.names].map(foldTerm).filter((s) => s.length > 0)));
  return out;
}

/**
 * The candidate whose spelling is nearest the term (within `cap` edits), unless two are
 * equally near. Two strings differ by at least their difference in length, so a spelling
 * that cannot come within reach is not compared at all.
 */
function nearest(term: string, candidates: readonly Candidate[], cap = Infinity) {
  let best: { candidate: Candidate; edits: number } | undefined;
  let tie = false;
  for (const candidate of candidates) {
    let edits = Infinity;
    for (const s of spellings(candidate)) {
      if (Math.abs(s.length - term.length) > Math.min(cap, best?.edits ?? cap, edits)) continue;
      edits = Math.min(edits, distance(term, s));
    }
    if (edits > cap) continue;
    if (best && edits === best.edits && candidate !== best.candidate) tie = true;
    if (!best || edits < best.edits) {
      best = { candidate, edits };
      tie = false;
    }
  }
  return tie ? undefined : best;
}

/**
 * What a term that is not an allowed value most likely meant, or nothing when no value is
 * close enough to be worth naming. A name that fits two values suggests neither: the
 * client must choose, and the error lists the values to choose from.
 */
export function suggestValue(raw: string, candidates: readonly Candidate[]): Suggestion | undefined {
  const term = foldTerm(raw);
  if (term === '') return undefined;
  const named = candidates.filter((c) => spellings(c).includes(term));
  if (named.length === 1) return { value: named[0]!.value, match: 'name' };
  if (named.length > 1 || [...term].length > MAX_SUGGESTED_TERM_LENGTH) return undefined;

  if (longEnoughForPartial(term)) {
    const partial = candidates.filter((c) =>
      spellings(c).some((s) => s.includes(term) || (longEnoughForPartial(s) && term.includes(s))),
    );
    const best = partial.length === 1 ? { candidate: partial[0]! } : nearest(term, partial);
    if (best) return { value: best.candidate.value, match: 'partial' };
  }

  const best = nearest(term, candidates, maxEdits(term));
  if (best) return { value: best.candidate.value, match: 'similar' };
  return undefined;
}
