import { codeEntry, FIELD_CODE_LISTS, fieldCodeList, type CodeList } from '../codelists';
import type { Issues } from './check-issues';
import type { FieldDef, LocalizedText } from './types';

/** The field property naming the code list that gives a coded field's values their names. */
export const CODELIST_KEY = 'x-codelist';

/** The code list a field references, if any (the schema checker has made sure it exists). */
export function codeListOf(f: FieldDef): CodeList | undefined {
  const name = f[CODELIST_KEY];
  return typeof name === 'string' ? fieldCodeList(name) : undefined;
}

/** The name of one of a coded field's values, or undefined for a value the list lacks. */
export function codeLabel(f: FieldDef, value: string): LocalizedText | undefined {
  const list = codeListOf(f);
  return list ? codeEntry(list, value)?.name : undefined;
}

/**
 * `x-codelist` names a list the platform serves, on a string field whose `enum` holds
 * only that list's codes: the enum still says which codes the field allows (a city field
 * allows the 11 cities, not the province), the list says what each one is called.
 */
export function checkCodeListReference(raw: unknown, def: FieldDef, path: string, issues: Issues): void {
  const at = `${path}.${CODELIST_KEY}`;
  const list = typeof raw === 'string' ? fieldCodeList(raw) : undefined;
  if (!list) {
    const known = [...FIELD_CODE_LISTS.keys()].join(', ');
    issues.add(at, `Unknown code list ${JSON.stringify(raw)}; known code lists: ${known}`);
    return;
  }
  if (def.type !== 'string') {
    issues.add(at, 'Only string fields can reference a code list');
    return;
  }
  const values = def.constraints?.enum;
  if (!values) {
    issues.add(at, `A field with a code list needs constraints.enum: the codes of ${list.name} it allows`);
    return;
  }
  const strays = values.filter((v) => !codeEntry(list, String(v)));
  if (strays.length > 0) {
    issues.add(
      `${path}.constraints.enum`,
      `Not codes of ${list.name}: ${strays.slice(0, 10).join(', ')}${strays.length > 10 ? ', …' : ''}`,
    );
  }
}
