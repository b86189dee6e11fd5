import type { Dataset } from '../catalog';
import type { FieldDef } from '../schemas';

/**
 * GraphQL names are derived, never stored twice: a dataset's root field is its
 * `graphqlName` (else the camelCase of its id), a field's name is its `graphqlName`
 * (else the camelCase of its snake_case name), and type names are the singular
 * PascalCase of the root field (agriculturalPrices → AgriculturalPrice).
 */

/** 'avg_price' → 'avgPrice', 'agri-prices' → 'agriPrices'. */
export function camelCase(name: string): string {
  return name.replace(/[-_]+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/[-_]+$/, '');
}

export function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** 'avgPrice' → 'AVG_PRICE', 'q1Value' → 'Q1_VALUE': the spelling of enum values. */
export function constantCase(camel: string): string {
  return camel
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

// Last words that read the same in singular and plural, or are mass nouns.
const INVARIANT = new Set([
  'data',
  'series',
  'species',
  'news',
  'progress',
  'status',
  'basis',
  'analysis',
  'supply',
  'information',
  'equipment',
]);

/** Singular of a camelCase name, looking only at its last word: only English plural endings change. */
export function singular(name: string): string {
  const lastWord = /[A-Z]?[a-z0-9]+$/.exec(name)?.[0] ?? name;
  if (INVARIANT.has(lastWord.toLowerCase())) return name;
  if (/[^aeiou]ies$/.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|z)es$/.test(name)) return name.slice(0, -2);
  if (/(ss|us|is)$/.test(name)) return name;
  if (/[a-z0-9]s$/i.test(name)) return name.slice(0, -1);
  return name;
}

/** agriculturalPrices → AgriculturalPrice; landSupply → LandSupply; grainPurchaseProgress unchanged. */
export function typeNameFor(rootField: string): string {
  return pascalCase(singular(rootField));
}

export function datasetFieldName(d: Pick<Dataset, 'id' | 'graphqlName'>): string {
  return d.graphqlName ?? camelCase(d.id);
}

export function fieldGraphqlName(f: Pick<FieldDef, 'name' | 'graphqlName'>): string {
  return f.graphqlName ?? camelCase(f.name);
}
