import { expect } from 'chai';
import { currentSchemaOf, releasesIn, type DatasetSnapshot, type Principal } from '../../src/catalog';

const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const release = (
  id: number,
  period: string,
  revision: number,
  publishedAt: number,
  withdrawnAt?: number,
) => ({
  id,
  datasetId: 'prices',
  period,
  revision,
  publishAt: t(publishedAt),
  withdrawal: withdrawnAt === undefined ? null : { at: t(withdrawnAt), reason: '错报', by: 'test' },
});

// Only what the read service looks at; the rest of a snapshot does not matter here.
const snapshot = {
  dataset: { id: 'prices', currentVersion: 2, agencies: [{ id: 'sx-agri' }] },
  versions: [
    { version: 1, semver: '1.0.0' },
    { version: 2, semver: '1.1.0' },
  ],
  releases: [
    release(1, '2020-01', 1, 10),
    release(2, '2020-01', 2, 20, 30),
    release(3, '2020-02', 1, 100),
    release(4, '2020-03', 1, 50, 40),
  ],
} as unknown as DatasetSnapshot;

const anonymous: Principal = { kind: 'anonymous' } as Principal;
const manager = {
  kind: 'token',
  tokenId: 1,
  name: 'agri',
  role: 'publisher',
  agencyId: 'sx-agri',
} as Principal;

describe('catalog-read service: the current schema and the releases a reader may list', () => {
  it('names the current schema version from the dataset, not the newest number', () => {
    expect(currentSchemaOf(snapshot)?.semver).to.equal('1.1.0');
    const none = { ...snapshot, dataset: { ...snapshot.dataset, currentVersion: null } } as DatasetSnapshot;
    expect(currentSchemaOf(none)).to.equal(undefined);
  });

  it('lists to the public what is listed at the instant, with statuses, by period and revision', () => {
    const views = releasesIn(snapshot, { at: t(35), principal: anonymous });
    expect(views.map((v) => [v.release.id, v.status])).to.deep.equal([
      [1, 'published'],
      [2, 'withdrawn'],
    ]);
    expect(releasesIn(snapshot, { at: t(25) }).map((v) => [v.release.id, v.status])).to.deep.equal([
      [1, 'superseded'],
      [2, 'published'],
    ]);
  });

  it('also lists embargoed and cancelled releases to the dataset’s own agency, and filters by period', () => {
    const views = releasesIn(snapshot, { at: t(45), principal: manager });
    expect(views.map((v) => [v.release.id, v.status])).to.deep.equal([
      [1, 'published'],
      [2, 'withdrawn'],
      [3, 'scheduled'],
      [4, 'withdrawn'],
    ]);
    expect(releasesIn(snapshot, { at: t(35), principal: manager, period: '2020-02' })).to.have.length(1);
  });
});
