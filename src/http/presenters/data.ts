import type { ReleaseScope } from '../../query';
import type { FieldDef, LabelColumn } from '../../schemas';
import { withParam } from '../url-params';

export function fieldJson(f: FieldDef) {
  return {
    name: f.name,
    type: f.type,
    title: f.title,
    unit: f.unit ?? null,
    ...(f.periodKind ? { periodKind: f.periodKind } : {}),
  };
}

/** A name column added by `labels=true`: which coded field it names, in which language. */
export function labelColumnJson(c: LabelColumn) {
  return { name: c.name, field: c.field, lang: c.lang, title: c.title };
}

/**
 * What every data response says about itself: which schema and data version were read
 * as of when, the dataset's status mark, and a citation that reproduces the result.
 */
export function dataMeta(scope: ReleaseScope, selfUrl: string) {
  const d = scope.dataset;
  const asOf = scope.asOf.toISOString();
  const url = withParam(selfUrl, 'asOf', asOf, ['cursor']);
  const agency = d.agencies[0]?.name.zh ?? '';
  return {
    dataset: d.id,
    schemaVersion: scope.version.version,
    schemaSemver: scope.version.semver,
    dataVersion: scope.dataVersion,
    asOf,
    lastModified: scope.lastModified ? scope.lastModified.toISOString() : null,
    releaseCount: scope.releases.length,
    datasetStatus: d.status,
    sample: d.isSample,
    citation: {
      text: `${agency}. ${d.title.zh} / ${d.title.en} (${d.id}), schema ${scope.version.semver}, data version ${scope.dataVersion}, as of ${asOf}. ${d.legalBasis} ${d.clause}.`,
      url,
    },
  };
}
