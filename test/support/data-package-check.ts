import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { Package } from 'datapackage';
import { Table, validate as validateTableSchema } from 'tableschema';
import { download } from './download';

interface Resource {
  name: string;
  path: string;
  bytes: number;
  hash: string;
  schema: { fields: Array<{ name: string }> };
  'x-row-count': number;
}

/**
 * What a Frictionless user does with a package: check the descriptor against the official
 * tabular-data-package profile (the `datapackage` library bundles the v1 profiles) and
 * each schema against the Table Schema profile, then download every resource and check
 * its size, its hash, and every row against its schema with the reference `tableschema`
 * library (types, constraints, primary key). Returns the downloaded files by name.
 */
export async function checkDataPackage(descriptor: Record<string, unknown>): Promise<Map<string, Buffer>> {
  const pkg = await Package.load(descriptor);
  // The library derives the name from the profile's title ("Tabular Data Package").
  expect(pkg.profile.jsonschema.title).to.equal('Tabular Data Package');
  expect(
    pkg.errors.map((e) => e.message),
    'descriptor against the tabular-data-package profile',
  ).to.deep.equal([]);
  expect(pkg.valid).to.equal(true);

  const files = new Map<string, Buffer>();
  for (const r of descriptor.resources as Resource[]) {
    const schemaCheck = await validateTableSchema(r.schema);
    expect(
      schemaCheck.errors.map((e) => e.message),
      `${r.name}: Table Schema profile`,
    ).to.deep.equal([]);

    const file = await download(r.path);
    expect(file.status, r.path).to.equal(200);
    expect(file.body.length, `${r.name}: bytes`).to.equal(r.bytes);
    expect(`sha256:${createHash('sha256').update(file.body).digest('hex')}`, `${r.name}: hash`).to.equal(
      r.hash,
    );

    const table = await Table.load(() => Readable.from([file.body]), { schema: r.schema });
    let rows: unknown[];
    try {
      rows = await table.read();
    } catch (err) {
      const e = err as Error & { errors?: Error[] };
      throw new Error(
        `${r.name}: rows do not validate: ${e.message} ${(e.errors ?? []).map((x) => x.message).join('; ')}`,
      );
    }
    expect(table.headers, `${r.name}: header`).to.deep.equal(r.schema.fields.map((f) => f.name));
    expect(rows, `${r.name}: row count`).to.have.length(r['x-row-count']);
    files.set(r.name, file.body);
  }
  return files;
}
