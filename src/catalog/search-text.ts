// PostgreSQL's default text-search parser treats a run of Han characters as one word, so
// 粮食收购进度 would only match itself. We segment in the application instead: every Han
// character and every adjacent pair becomes a token (the classic CJK bigram index), and
// other scripts become lower-cased words. The same code feeds PGlite and server
// PostgreSQL through the 'simple' configuration, so both engines rank identically.
const RUNS = /(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu;

function hanGrams(run: string, withUnigrams: boolean): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const grams: string[] = withUnigrams ? [...chars] : [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}

function tokens(text: string, withUnigrams: boolean): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(RUNS)) {
    if (m[1]) out.push(...hanGrams(m[1], withUnigrams));
    else if (m[2]) out.push(m[2].toLowerCase());
  }
  return out;
}

/** Tokens to index: unigrams and bigrams so one-character queries still match. */
export function indexTokens(...texts: Array<string | null | undefined>): string {
  const set = new Set<string>();
  for (const t of texts) if (t) for (const tok of tokens(t, true)) set.add(tok);
  return [...set].join(' ');
}

/** Tokens a query must all match: bigrams only, the tightest reading of the user's words. */
export function queryTokens(query: string): string[] {
  return [...new Set(tokens(query, false))];
}
