import { isDeepStrictEqual } from 'node:util';
import { isExtensionKey } from './check-issues';
import { compareField } from './classify-field';
import { fieldNamePath, keyPath } from './names';
import type { ChangeLevel, SchemaChange, SchemaChangeItem, TableSchema } from './types';

const RANK: Record<ChangeLevel, number> = { PATCH: 0, MINOR: 1, MAJOR: 2 };

/**
 * Semantic-version level of a schema change, after the Frictionless
 * data-package-version recipe: MAJOR breaks existing data or consumers, MINOR only
 * adds or loosens, PATCH is documentation. Fields are matched by name, so a rename is
 * a removal plus an addition. Paths address fields by name (JSONPath filter) because
 * indexes differ between the two versions.
 */
export function classifyChange(prev: TableSchema, next: TableSchema): SchemaChange {
  const changes: SchemaChangeItem[] = [];
  const add = (level: ChangeLevel, path: string, description: string) =>
    changes.push({ level, path, description });

  const prevByName = new Map(prev.fields.map((f) => [f.name, f]));
  const nextByName = new Map(next.fields.map((f) => [f.name, f]));
  for (const f of prev.fields) {
    if (!nextByName.has(f.name)) add('MAJOR', fieldNamePath(f.name), `field "${f.name}" removed`);
  }
  for (const f of next.fields) {
    const before = prevByName.get(f.name);
    const base = fieldNamePath(f.name);
    if (!before) {
      const required = f.constraints?.required === true;
      add(
        required ? 'MAJOR' : 'MINOR',
        base,
        `${required ? 'required' : 'optional'} field "${f.name}" added`,
      );
      continue;
    }
    compareField(prev, next, before, f, (level, suffix, description) =>
      add(level, base + suffix, `field "${f.name}": ${description}`),
    );
  }

  const common = (a: TableSchema, other: Map<string, unknown>) =>
    a.fields.map((f) => f.name).filter((n) => other.has(n));
  if (!isDeepStrictEqual(common(prev, nextByName), common(next, prevByName))) {
    add('PATCH', '$.fields', 'fields reordered');
  }

  comparePrimaryKey(prev.primaryKey, next.primaryKey, add);
  const prevMissing = prev.missingValues ?? [''];
  const nextMissing = next.missingValues ?? [''];
  // Dropping a missing-value token makes cells that used to be null fail to cast.
  const dropped = prevMissing.filter((v) => !nextMissing.includes(v));
  const added = nextMissing.filter((v) => !prevMissing.includes(v));
  if (dropped.length > 0)
    add('MAJOR', '$.missingValues', `missing values removed: ${JSON.stringify(dropped)}`);
  if (added.length > 0) add('MINOR', '$.missingValues', `missing values added: ${JSON.stringify(added)}`);

  const extensionKeys = new Set([...Object.keys(prev), ...Object.keys(next)].filter(isExtensionKey));
  for (const key of extensionKeys) {
    if (!isDeepStrictEqual(prev[key], next[key])) add('PATCH', keyPath('$', key), `${key} changed`);
  }

  const level = changes.reduce<ChangeLevel>((max, c) => (RANK[c.level] > RANK[max] ? c.level : max), 'PATCH');
  return { level, changes };
}

function comparePrimaryKey(
  prev: readonly string[],
  next: readonly string[],
  add: (level: ChangeLevel, path: string, description: string) => void,
): void {
  if (isDeepStrictEqual(prev, next)) return;
  const sameSet = prev.length === next.length && prev.every((n) => next.includes(n));
  // Row identity depends on the set of key columns, not on their order.
  if (sameSet) add('PATCH', '$.primaryKey', 'primary key columns reordered');
  else add('MAJOR', '$.primaryKey', `primary key changed from [${prev.join(', ')}] to [${next.join(', ')}]`);
}
