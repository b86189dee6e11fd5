import { expect } from 'chai';
import { getNamedType, type GraphQLObjectType } from 'graphql';
import { AgencyType, DatasetType } from '../../src/graphql/catalog-types';
import { StatusMarkType } from '../../src/graphql/common-types';
import { deref, spec } from '../support/spec';

/** The naming rule between the two APIs: REST's JSON names are GraphQL's field names, snake_case aside. */
const graphqlName = (restName: string) =>
  restName.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** A component's property names, through allOf. */
function restProperties(component: string): string[] {
  const names = new Set<string>();
  const visit = (node: any) => {
    const s = deref(node);
    for (const k of Object.keys(s?.properties ?? {})) names.add(k);
    for (const part of s?.allOf ?? []) visit(part);
  };
  visit({ $ref: `#/components/schemas/${component}` });
  return [...names];
}

const objectField = (t: GraphQLObjectType, name: string) =>
  getNamedType(t.getFields()[name]!.type) as GraphQLObjectType;
const ReleaseType = objectField(objectField(DatasetType, 'releases'), 'nodes');
const SchemaVersionType = objectField(DatasetType, 'currentSchema');

/**
 * Where the two APIs knowingly differ, field by field, with the reason. Anything else that
 * one has and the other lacks fails the test, so a field added to openapi.yaml or to the
 * GraphQL catalog types is added to the other, or listed here, on purpose.
 */
const PAIRS: {
  component: string;
  type: GraphQLObjectType;
  restOnly: Record<string, string>;
  graphqlOnly: Record<string, string>;
}[] = [
  {
    component: 'Dataset',
    type: DatasetType,
    restOnly: {
      season: 'scheduling detail for the calendar; GraphQL serves it through timeliness',
      dueRule: 'scheduling detail for the calendar; GraphQL serves it through timeliness',
      firstPeriod: 'scheduling detail for the calendar; GraphQL serves it through timeliness',
      leadTime: 'a publishing rule, of interest to publishers, who use REST',
      disclosure: 'every dataset served is proactive (主动公开); requests are their own GraphQL types',
      sampleNotice: 'GraphQL describes `sample` in its schema text instead',
      graphqlName: 'REST names the GraphQL root field; GraphQL gives it as graphqlField',
      currentSchemaVersion: 'GraphQL nests the whole version as currentSchema',
      createdAt: 'catalog bookkeeping, not part of the published description',
      links: 'hypermedia links are REST’s; GraphQL follows fields',
    },
    graphqlOnly: {
      graphqlField: 'the root query field, resolved in the executing schema',
      currentSchema: 'a nested object where REST has currentSchemaVersion and a link',
      schemaVersions: 'a nested list where REST has /schema/versions',
      releases: 'a nested connection where REST has /releases',
      timeliness: 'a nested object where REST has /timeliness',
      feedback: 'a nested list where REST has /datasets/{id}/feedback',
    },
  },
  {
    component: 'Release',
    type: ReleaseType,
    restOnly: {
      datasetId: 'GraphQL reaches a release through its dataset',
      publishAt: 'embargoed releases never reach GraphQL, so publishedAt says it all',
      createdAt: 'upload bookkeeping, shown to publishers over REST',
      createdBy: 'upload bookkeeping, shown to publishers over REST',
    },
    graphqlOnly: {},
  },
  {
    component: 'Agency',
    type: AgencyType,
    restOnly: {},
    graphqlOnly: {
      datasets: 'a nested list where REST filters /datasets by agency',
      timeliness: 'a nested object where REST has /agencies/{id}/timeliness',
      requestTimeliness: 'a nested object where REST has /agencies/{id}/requests/timeliness',
      disclosureCandidates: 'a nested list where REST has /agencies/{id}/requests/disclosure-candidates',
    },
  },
  {
    component: 'SchemaVersion',
    type: SchemaVersionType,
    restOnly: {
      datasetId: 'GraphQL reaches a version through its dataset',
      changes: 'the change list is for publishers registering versions over REST',
      createdBy: 'registration bookkeeping, shown to publishers over REST',
      schema: 'REST serves the Table Schema document; GraphQL flattens it into fields and primaryKey',
    },
    graphqlOnly: {
      fields: 'the Table Schema’s public fields, typed',
      primaryKey: 'the Table Schema’s primary key',
    },
  },
  { component: 'StatusMark', type: StatusMarkType, restOnly: {}, graphqlOnly: {} },
];

/**
 * One contract for the catalog's shapes: openapi.yaml's components and the GraphQL catalog
 * types expose the same fields under the naming rule, except where PAIRS says why not.
 */
describe('GraphQL catalog types match the openapi.yaml components', () => {
  for (const { component, type, restOnly, graphqlOnly } of PAIRS) {
    it(`${type.name} and ${component} differ only where the reasons say`, () => {
      const rest = restProperties(component);
      expect(rest.length, `${component} has properties in openapi.yaml`).to.be.greaterThan(2);
      const gql = Object.keys(type.getFields());
      const restNames = new Set(rest.map(graphqlName));
      expect(
        rest.filter((k) => !gql.includes(graphqlName(k))).sort(),
        `${component} fields GraphQL lacks`,
      ).to.deep.equal(Object.keys(restOnly).sort());
      expect(
        gql.filter((k) => !restNames.has(k)).sort(),
        `${type.name} fields openapi.yaml lacks`,
      ).to.deep.equal(Object.keys(graphqlOnly).sort());
    });
  }

  it('uses one naming rule for both', () => {
    expect(graphqlName('row_count')).to.equal('rowCount');
    expect(graphqlName('rowCount')).to.equal('rowCount');
    expect(Object.keys(spec.components.schemas ?? {})).to.include.members(PAIRS.map((p) => p.component));
  });
});
