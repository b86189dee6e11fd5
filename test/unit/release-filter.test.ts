import { expect } from 'chai';
import type { ReleaseRecord } from '../../src/catalog';
import { Params } from '../../src/db';
import { releaseFilter, type RowPlan } from '../../src/query/row-plan';
import { releaseCondition } from '../../src/storage';

const release = (id: number, period = `2020-W${String(id).padStart(2, '0')}`) =>
  ({ id, period }) as ReleaseRecord;

/** A plan reading `read` (after period pruning) out of the scope `visible`, in storage `stored`. */
function plan(stored: number[], visible: number[], read = visible): RowPlan {
  const releases = visible.map((id) => release(id));
  return {
    scope: {
      releases,
      storedIds: stored,
      coversStorage: stored.length === visible.length,
    },
    releases: releases.filter((r) => read.includes(r.id)),
  } as unknown as RowPlan;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('which stored releases a read names', () => {
  it('reads everything up to the newest release when nothing stored is hidden', () => {
    expect(releaseFilter(plan(range(1, 300), range(1, 300)))).to.deep.equal({ upTo: 300 });
  });

  it('names a correction’s superseded revision as an exception, not every other release', () => {
    // Release 7 was corrected by release 301: the current data is 1–300 without 7, plus 301.
    const visible = [...range(1, 6), ...range(8, 301)];
    expect(releaseFilter(plan(range(1, 301), visible))).to.deep.equal({ upTo: 301, except: [7] });
  });

  it('reads as of an earlier day as a range: what was published later is past its end', () => {
    expect(releaseFilter(plan(range(1, 500), range(1, 250)))).to.deep.equal({ upTo: 250, except: [] });
  });

  it('keeps an embargoed release stored before a public one out of the range', () => {
    // 10 waits for its publication time; 11 was published at once.
    const visible = [...range(1, 9), 11];
    expect(releaseFilter(plan(range(1, 11), visible))).to.deep.equal({ upTo: 11, except: [10] });
  });

  it('lists the releases when a period filter leaves fewer of them than the exceptions', () => {
    const visible = range(1, 300).filter((id) => id % 2 === 0);
    expect(releaseFilter(plan(range(1, 300), visible, [100, 102]))).to.deep.equal({ ids: [100, 102] });
  });

  it('reads nothing when no release is left', () => {
    const p = new Params('pg');
    const filter = releaseFilter(plan(range(1, 5), [2, 3], []));
    expect(filter).to.deep.equal({ ids: [] });
    expect(releaseCondition(filter, p)).to.equal('"_release_id" = ANY($1::bigint[])');
    expect(p.values).to.deep.equal([[]]);
  });

  it('writes the exceptions as one array parameter beside the range', () => {
    const p = new Params('pg');
    expect(releaseCondition({ upTo: 301, except: [7, 9] }, p)).to.equal(
      '("_release_id" <= $1 AND "_release_id" <> ALL($2::bigint[]))',
    );
    expect(p.values).to.deep.equal([301, [7, 9]]);
  });
});
