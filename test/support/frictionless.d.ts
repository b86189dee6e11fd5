// `datapackage` ships no types (`tableschema` does); these cover what the tests call.
declare module 'datapackage' {
  export class Package {
    /** Checks a descriptor against its profile (tabular-data-package here) without reading data. */
    static load(descriptor: object, basePath?: string, strict?: boolean): Promise<Package>;
    readonly valid: boolean;
    readonly errors: Error[];
    readonly profile: { name: string; jsonschema: { title: string } };
    readonly descriptor: Record<string, unknown>;
  }
}
