import type { FieldDef } from './types';

/**
 * Column type for a field. Exact `numeric` keeps published decimals verbatim; canonical
 * yearmonth ('YYYY-MM') and period text sort chronologically, so plain `text` suffices.
 */
export function pgColumnType(field: FieldDef): string {
  switch (field.type) {
    case 'string':
      return 'text';
    case 'integer':
      return 'bigint';
    case 'number':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'year':
      return 'smallint';
    case 'yearmonth':
    case 'period':
      return 'text';
  }
}
