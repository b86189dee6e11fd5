import { isDeepStrictEqual } from 'node:util';
import { fieldRole } from './access';
import { isExtensionKey } from './check-issues';
import { compareConstraints, type Emit } from './classify-constraints';
import type { FieldDef, TableSchema } from './types';

// Pure documentation: changing these never changes which values are valid or what they mean.
const METADATA_KEYS = ['title', 'description', 'format', 'example', 'rdfType', 'bareNumber'] as const;

/** Compares two versions of the same-named field. */
export function compareField(
  prevSchema: TableSchema,
  nextSchema: TableSchema,
  prev: FieldDef,
  next: FieldDef,
  emit: Emit,
): void {
  if (prev.type !== next.type) {
    emit('MAJOR', '.type', `type changed from ${prev.type} to ${next.type}`);
  } else if (prev.periodKind !== next.periodKind) {
    emit('MAJOR', '.periodKind', `periodKind changed from ${prev.periodKind} to ${next.periodKind}`);
  } else {
    compareConstraints(prev, next, emit);
  }
  // A unit change silently changes what every stored number means (元 vs 万元).
  if (prev.unit !== next.unit) {
    emit('MAJOR', '.unit', `unit changed from ${prev.unit ?? '(none)'} to ${next.unit ?? '(none)'}`);
  }
  const wasPublic = prev.disclosure !== 'restricted';
  const isPublic = next.disclosure !== 'restricted';
  if (wasPublic && !isPublic) emit('MAJOR', '.disclosure', 'field restricted; consumers lose it');
  if (!wasPublic && isPublic) emit('MINOR', '.disclosure', 'field published');
  // Roles and GraphQL names shape the derived REST/GraphQL API, so changing them breaks clients.
  const prevRole = fieldRole(prevSchema, prev);
  const nextRole = fieldRole(nextSchema, next);
  if (prevRole !== nextRole) emit('MAJOR', '.role', `role changed from ${prevRole} to ${nextRole}`);
  if (prev.graphqlName !== next.graphqlName) {
    emit('MAJOR', '.graphqlName', `graphqlName changed from ${prev.graphqlName} to ${next.graphqlName}`);
  }

  for (const key of METADATA_KEYS) {
    if (!isDeepStrictEqual(prev[key], next[key])) emit('PATCH', `.${key}`, `${key} changed`);
  }
  const extensionKeys = new Set([...Object.keys(prev), ...Object.keys(next)].filter(isExtensionKey));
  for (const key of extensionKeys) {
    if (!isDeepStrictEqual(prev[key], next[key])) emit('PATCH', `[${JSON.stringify(key)}]`, `${key} changed`);
  }
}
