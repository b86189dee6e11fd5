import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const spec = YAML.parse(fs.readFileSync(path.resolve(__dirname, '../../openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

// OpenAPI 3.1 schemas are JSON Schema 2020-12, so the whole document can be registered
// and responses validated by JSON pointer into it.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...spec, $id: 'openapi' });

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function resolveRef(node: unknown): any {
  let cur = node as { $ref?: string };
  while (cur && typeof cur.$ref === 'string') {
    const parts = cur.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    cur = parts.reduce((o: any, k) => o?.[k], spec);
  }
  return cur;
}

/** Throws with Ajv's errors when `body` does not match the documented response. */
export function assertMatchesSpec(
  templatePath: string,
  method: string,
  status: number,
  body: unknown,
  contentType = 'application/json',
): void {
  // A path item may be a $ref (the CKAN actions share one item between two prefixes).
  const itemRef = (spec.paths[templatePath] as { $ref?: string } | undefined)?.$ref;
  const itemPointer = itemRef ? itemRef.replace(/^#/, 'openapi#') : `openapi#/paths/${escape(templatePath)}`;
  const op = resolveRef(spec.paths[templatePath])?.[method.toLowerCase()];
  if (!op) throw new Error(`openapi.yaml has no ${method} ${templatePath}`);
  const response = resolveRef(op.responses[String(status)]);
  if (!response) throw new Error(`openapi.yaml documents no ${status} for ${method} ${templatePath}`);
  const media = response.content?.[contentType];
  if (!media)
    throw new Error(`openapi.yaml documents no ${contentType} body for ${status} ${method} ${templatePath}`);
  const pointer =
    response === op.responses[String(status)]
      ? `${itemPointer}/${method.toLowerCase()}/responses/${status}/content/${escape(contentType)}/schema`
      : `openapi#/components/responses/${(op.responses[String(status)] as { $ref: string }).$ref.split('/').pop()}/content/${escape(contentType)}/schema`;
  const validate = ajv.getSchema(pointer);
  if (!validate) throw new Error(`cannot compile ${pointer}`);
  if (!validate(body)) {
    // Name the undocumented property: "must NOT have additional properties" alone does not.
    const problems = (validate.errors ?? []).map((e) => {
      const extra = (e.params as { additionalProperty?: string; unevaluatedProperty?: string }) ?? {};
      const name = extra.additionalProperty ?? extra.unevaluatedProperty;
      return `${e.instancePath || '/'} ${e.message}${name ? ` (${name})` : ''}`;
    });
    throw new Error(
      `${method} ${templatePath} ${status} does not match openapi.yaml: ${[...new Set(problems)].join('; ')}`,
    );
  }
}
