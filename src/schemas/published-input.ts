type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A field as GET …/schema publishes it (see document.ts): a string title with its English
 * in `x-title-en`, `x-type: period`, `x-unit`, `x-role` and the rest. Input fields carry
 * `{zh, en}` titles, so a string title or any of these keys marks a published one.
 */
function isPublishedField(f: Json): boolean {
  return typeof f.title === 'string' || ['x-title-en', 'x-type', 'x-role', 'x-unit'].some((k) => k in f);
}

function bilingual(zh: unknown, en: unknown): unknown {
  return zh === undefined && en === undefined ? undefined : { zh, en };
}

/** One published field back in input form; anything it cannot place is left for the checker to name. */
function inputField(f: Json): Json {
  const {
    title,
    description,
    'x-title-en': titleEn,
    'x-description-en': descriptionEn,
    'x-type': xType,
    'x-period-kind': periodKind,
    'x-unit': unit,
    'x-graphql-name': graphqlName,
    'x-role': role,
    'x-constraints': bounds,
    // Derived from x-codelist (document.ts); the list, not the copy, is the source.
    categories: _categories,
    ...rest
  } = f;
  const out: Json = { ...rest, title: typeof title === 'string' ? bilingual(title, titleEn) : title };
  const text = typeof description === 'string' ? bilingual(description, descriptionEn) : description;
  if (text !== undefined) out.description = text;
  if (xType === 'period') {
    out.type = 'period';
    out.periodKind = periodKind;
  }
  if (unit !== undefined) out.unit = unit;
  if (graphqlName !== undefined) out.graphqlName = graphqlName;
  if (role !== undefined) out.role = role;
  if (isObject(bounds))
    out.constraints = { ...(isObject(rest.constraints) ? rest.constraints : {}), ...bounds };
  return out;
}

/**
 * Accepts the published Table Schema as input, so an agency can fetch its schema, change
 * it and post it back. Input-form fields pass through untouched, and a document with no
 * published field is returned as the same object.
 */
export function fromPublishedDocument(document: unknown): unknown {
  if (!isObject(document) || !Array.isArray(document.fields)) return document;
  // The same object back means the document was in input form.
  if (!document.fields.some((f: unknown) => isObject(f) && isPublishedField(f))) return document;
  return {
    ...document,
    fields: document.fields.map((f: unknown) => (isObject(f) && isPublishedField(f) ? inputField(f) : f)),
  };
}
