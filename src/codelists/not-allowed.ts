import { ValidationError } from '../errors';
import { suggestValue, type Candidate } from './match';
import type { CodeName } from './types';

/** The error lists at most this many allowed values; `allowedCount` says how many there are. */
export const MAX_LISTED_VALUES = 50;

export interface AllowedValue extends Candidate {
  /** Its name when a code list gives one, shown beside a suggestion. */
  label?: CodeName;
}

export interface NotAllowedInput {
  /** The query key or argument the value came in (`city`, `city[in]`, `agency`). */
  parameter: string;
  /** The schema field, for data filters. */
  field?: string;
  value: string;
  allowed: readonly AllowedValue[];
  /** The code list the allowed values come from, when there is one. */
  codelist?: string;
}

/**
 * A filter value that can match nothing because it is not one of the allowed values: a
 * 400 rather than an empty 200, naming the values that are allowed and the one most likely
 * meant. It suggests and never resolves: the URL keeps one meaning (cache keys, citations
 * and `next` links all name the code), and the fix is a one-word edit the client makes.
 */
export function valueNotAllowed(input: NotAllowedInput): ValidationError {
  const { parameter, field, value, allowed, codelist } = input;
  const hit = suggestValue(value, allowed);
  const meant = hit && allowed.find((a) => a.value === hit.value);
  const suggestion = hit
    ? { value: hit.value, ...(meant?.label && { label: meant.label }), match: hit.match }
    : null;
  const hint = suggestion
    ? `; did you mean ${suggestion.value}${suggestion.label ? ` (${suggestion.label.en})` : ''}?`
    : '';
  return new ValidationError(
    'filter_value_not_allowed',
    `${JSON.stringify(value)} is not an allowed value of ${field ?? parameter}${hint}`,
    {
      parameter,
      ...(field !== undefined && { field }),
      value,
      allowed: allowed.slice(0, MAX_LISTED_VALUES).map((a) => a.value),
      allowedCount: allowed.length,
      suggestion,
      ...(codelist !== undefined && { codelist }),
    },
  );
}
