import { GB2260 } from './gb2260';
import type { Candidate } from './match';
import type { CodeEntry, CodeList } from './types';

/**
 * The code lists a schema field may reference with `x-codelist`. They are fixed with the
 * code, so a published schema's labels never change under it; lists drawn from the
 * catalog (agencies) are served beside them but cannot be referenced by a field.
 */
export const FIELD_CODE_LISTS: ReadonlyMap<string, CodeList> = new Map([[GB2260.name, GB2260]]);

export function fieldCodeList(name: string): CodeList | undefined {
  return FIELD_CODE_LISTS.get(name);
}

/** Lists are short (a dozen codes), so a scan is as quick as a map and holds no state. */
export function codeEntry(list: CodeList, code: string): CodeEntry | undefined {
  return list.entries.find((e) => e.code === code);
}

/** A list's entries as suggestion candidates: each code with its names and aliases. */
export function entryCandidates(entries: readonly CodeEntry[]): Candidate[] {
  return entries.map((e) => ({ value: e.code, names: [e.name.zh, e.name.en, ...(e.aliases ?? [])] }));
}
