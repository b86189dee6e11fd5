import { Lru } from '../cache';

/** One query parameter's value as `URLSearchParams` writes it (form encoding). */
export const formEncode = (value: string): string => new URLSearchParams([['', value]]).toString().slice(1);

type Setter = (value: string) => string;

// Keyed by request URL: a page is fetched again and again, so its URL is parsed once.
const setters = new Lru<Setter>(1_000, 1_000);

/**
 * `pathname?search` of `url` (a request's originalUrl) with the parameters in `drop` removed
 * and `name` set to a value, exactly as `URL.searchParams.set(name, value)` would write it.
 * The URL is parsed once; later calls only splice the encoded value into a template found by
 * setting two different values and taking what they have in common.
 */
export function withParam(url: string, name: string, value: string, drop: readonly string[] = []): string {
  const key = `${name}\u0000${drop.join(',')}\u0000${url}`;
  let set = setters.get(key);
  if (!set) {
    const parsed = new URL(url, 'http://x');
    for (const d of drop) parsed.searchParams.delete(d);
    parsed.searchParams.set(name, 'a');
    const a = `${parsed.pathname}${parsed.search}`;
    parsed.searchParams.set(name, 'b');
    const b = `${parsed.pathname}${parsed.search}`;
    let i = 0;
    while (a[i] === b[i]) i++;
    const before = a.slice(0, i);
    const after = a.slice(i + 1);
    set = (v) => `${before}${formEncode(v)}${after}`;
    setters.set(key, set, 1);
  }
  return set(value);
}
