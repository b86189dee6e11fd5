import { codeEntry } from '../codelists';
import { codeListOf } from './codelist-field';
import type { FieldDef, LocalizedText } from './types';

/**
 * A name column that `labels=true` adds right after a coded field: `city_name_zh` and
 * `city_name_en` for `city`. Its values come from the field's code list, never from storage.
 */
export interface LabelColumn {
  name: string;
  /** The coded field it names. */
  field: string;
  lang: 'zh' | 'en';
  title: LocalizedText;
  /** Code → name in this language, for exactly the codes the field's enum allows. */
  names: ReadonlyMap<string, string>;
}

export const labelColumnName = (field: string, lang: 'zh' | 'en') => `${field}_name_${lang}`;

function columnsOf(f: FieldDef): LabelColumn[] {
  const list = codeListOf(f);
  if (!list) return [];
  const codes = (f.constraints?.enum ?? []).map(String);
  // 城市代码 → 城市名称, "City code" → "City name".
  const zh = f.title.zh.replace(/代码$/, '');
  const en = f.title.en.replace(/\s*code$/i, '');
  return (['zh', 'en'] as const).map((lang) => ({
    name: labelColumnName(f.name, lang),
    field: f.name,
    lang,
    title:
      lang === 'zh'
        ? { zh: `${zh}名称`, en: `${en} name` }
        : { zh: `${zh}英文名称`, en: `${en} name (English)` },
    names: new Map(codes.flatMap((c) => [[c, codeEntry(list, c)?.name[lang]] as const].filter(hasName))),
  }));
}

const hasName = (e: readonly [string, string | undefined]): e is readonly [string, string] =>
  e[1] !== undefined;

/** Each selected field followed by its name columns, in output order. */
export function withLabelColumns(fields: readonly FieldDef[]): (FieldDef | LabelColumn)[] {
  return fields.flatMap((f) => [f, ...columnsOf(f)]);
}

export function isLabelColumn(c: FieldDef | LabelColumn): c is LabelColumn {
  return 'names' in c;
}

/** A row object with each coded value's names added after it, keys in column order. */
export function labelRow(
  row: Record<string, unknown>,
  columns: readonly (FieldDef | LabelColumn)[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    if (!isLabelColumn(c)) out[c.name] = row[c.name];
    else {
      const code = row[c.field];
      out[c.name] = typeof code === 'string' ? (c.names.get(code) ?? null) : null;
    }
  }
  return out;
}
