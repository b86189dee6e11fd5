import { expect } from 'chai';
import { matchesAll, parseSolrQuery } from '../../src/http/ckan/solr-query';

const FIELDS = new Set(['organization', 'tags', 'groups', 'metadata_modified', 'res_format']);
const NOW = new Date('2026-12-06T00:00:00Z');

/** A dataset as package_search matches it: field → values. */
const doc = (fields: Record<string, string[]>) => new Map(Object.entries(fields));
const AGRI = doc({
  organization: ['sx-agriculture'],
  tags: ['价格', '示例数据'],
  groups: ['农业'],
  metadata_modified: ['2026-11-17T01:10:00.000000'],
  res_format: ['CSV'],
});

const holds = (fq: string, d = AGRI) => matchesAll([parseSolrQuery(fq, 'fq', FIELDS)], d, NOW);

describe('package_search fq (the Solr subset CKAN clients send)', () => {
  it('reads the CKAN harvester’s filter: OR between organizations, a metadata_modified range', () => {
    const fq =
      'organization:sx-agriculture OR organization:sx-grain metadata_modified:[2026-11-01T00:00:00.000000Z TO *]';
    expect(holds(fq)).to.equal(true);
    expect(holds(fq.replace('2026-11-01', '2026-12-01'))).to.equal(false);
    expect(holds('organization:sx-finance OR organization:sx-grain')).to.equal(false);
  });

  it('negates with - and NOT, and lists values in parentheses', () => {
    expect(holds('-organization:sx-finance')).to.equal(true);
    expect(holds('NOT organization:sx-agriculture')).to.equal(false);
    expect(holds('tags:(粮食 OR 价格)')).to.equal(true);
    expect(holds('+tags:"示例数据" +groups:农业')).to.equal(true);
  });

  it('matches case-insensitively, with * as a wildcard', () => {
    expect(holds('res_format:csv')).to.equal(true);
    expect(holds('organization:sx-*')).to.equal(true);
    expect(holds('tags:*')).to.equal(true);
    expect(holds('tags:*', doc({ tags: [] }))).to.equal(false);
  });

  it('keeps words that are not clauses as free text in q, and refuses them in fq', () => {
    const q = parseSolrQuery('粮食 收购 tags:价格 title:x', 'q', FIELDS);
    expect(q.text).to.deep.equal(['粮食', '收购', 'title:x']);
    expect(q.groups).to.have.length(1);
    expect(parseSolrQuery('*:*', 'q', FIELDS)).to.deep.equal({ groups: [], text: [] });
    for (const bad of ['title:x', 'just words', 'tags:"unclosed', 'OR tags:x', 'tags:x OR']) {
      expect(() => parseSolrQuery(bad, 'fq', FIELDS), bad)
        .to.throw()
        .with.property('code', 'invalid_search_query');
    }
  });
});
