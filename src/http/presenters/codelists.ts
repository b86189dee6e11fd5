import { stringify } from 'csv-stringify/sync';
import type { CodeList } from '../../codelists';

/** One line of the index: what the list is and where to read it. */
export function codeListSummaryJson(list: CodeList) {
  return {
    name: list.name,
    title: list.title,
    source: list.source,
    count: list.entries.length,
    links: { self: `/api/v1/codelists/${list.name}`, csv: `/api/v1/codelists/${list.name}.csv` },
  };
}

/** A whole list: each code with its Chinese and English name (aliases stay internal). */
export function codeListJson(list: CodeList) {
  return {
    name: list.name,
    title: list.title,
    source: list.source,
    codes: list.entries.map((e) => ({ code: e.code, name: { zh: e.name.zh, en: e.name.en } })),
  };
}

/** The list as CSV with a Chinese header (代码,中文名称,英文名称), the way tables are read here. */
export function codeListCsv(list: CodeList): string {
  return stringify([
    ['代码', '中文名称', '英文名称'],
    ...list.entries.map((e) => [e.code, e.name.zh, e.name.en]),
  ]);
}
