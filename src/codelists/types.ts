/** Chinese and English text; the same shape as the schemas' LocalizedText, kept here so this room imports nothing. */
export interface CodeName {
  zh: string;
  en: string;
}

/** One code and what it stands for. */
export interface CodeEntry {
  code: string;
  name: CodeName;
  /** Other spellings people type for it (太原 for 太原市); they resolve to the code, they are never shown. */
  aliases?: readonly string[];
}

/** A named list of codes, e.g. GB/T 2260 divisions or the catalog's agencies. */
export interface CodeList {
  /** Its id in URLs and in a field's `x-codelist`. */
  name: string;
  title: CodeName;
  /** The standard or register it follows. */
  source: string;
  entries: readonly CodeEntry[];
}
