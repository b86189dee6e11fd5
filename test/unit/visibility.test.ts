import { expect } from 'chai';
import {
  currentReleases,
  isListedAt,
  isPublicAt,
  periodReadAt,
  releaseStatus,
  type VisibilityFacts,
} from '../../src/catalog/visibility';

const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const release = (
  period: string,
  revision: number,
  publishedAt: number,
  withdrawnAt?: number,
): VisibilityFacts => ({
  period,
  revision,
  publishAt: t(publishedAt),
  withdrawal: withdrawnAt === undefined ? null : { at: t(withdrawnAt), reason: '错报', by: 'test' },
});

describe('release visibility: published by t and not withdrawn by t', () => {
  const r1 = release('2020-01', 1, 10);
  const r2 = release('2020-01', 2, 20, 30);
  const all = [r1, r2];

  it('serves a correction until it is withdrawn, then the revision before it again', () => {
    expect(currentReleases(all, t(15))).to.deep.equal([r1]);
    expect(currentReleases(all, t(25))).to.deep.equal([r2]);
    expect(currentReleases(all, t(30))).to.deep.equal([r1]);
    expect(releaseStatus(r1, all, t(25))).to.equal('superseded');
    expect(releaseStatus(r1, all, t(35))).to.equal('published');
    expect(releaseStatus(r2, all, t(35))).to.equal('withdrawn');
  });

  it('reads a withdrawn revision as its tombstone now and as data before the withdrawal', () => {
    expect(periodReadAt(all, 2, t(35))).to.deep.equal({ withdrawn: r2 });
    expect(periodReadAt(all, 2, t(25))).to.deep.equal({ release: r2 });
    expect(periodReadAt(all, 2, t(15))).to.equal(undefined);
    expect(periodReadAt(all, undefined, t(35))).to.deep.equal({ release: r1 });
    const only = [release('2020-02', 1, 10, 20)];
    expect(periodReadAt(only, undefined, t(25))).to.deep.equal({ withdrawn: only[0] });
  });

  it('keeps a release withdrawn before its embargo lifted private for ever', () => {
    const cancelled = release('2020-03', 1, 50, 40);
    for (const at of [t(45), t(55), t(600)]) {
      expect(isPublicAt(cancelled, at)).to.equal(false);
      expect(isListedAt(cancelled, at)).to.equal(false);
      expect(periodReadAt([cancelled], 1, at)).to.equal(undefined);
    }
    expect(releaseStatus(cancelled, [cancelled], t(45))).to.equal('withdrawn');
  });
});
