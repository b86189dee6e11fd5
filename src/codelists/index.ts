/**
 * Code lists: codes and the names they stand for (GB/T 2260 divisions, agencies), and
 * how a term someone typed is matched to the code they meant. A foundation: it imports
 * no other room, so schemas, query and catalog can all lean on it.
 */
export type { CodeEntry, CodeList, CodeName } from './types';
export { GB2260, GB2260_CITIES, GB2260_PROVINCE } from './gb2260';
export { codeEntry, entryCandidates, FIELD_CODE_LISTS, fieldCodeList } from './registry';
export {
  foldTerm,
  MAX_SUGGESTED_TERM_LENGTH,
  suggestValue,
  type Candidate,
  type Suggestion,
  type SuggestionMatch,
} from './match';
export { MAX_LISTED_VALUES, valueNotAllowed, type AllowedValue, type NotAllowedInput } from './not-allowed';
