import { expect } from 'chai';
import { periodState, summarise } from '../../src/calendar';
import { parsePeriod } from '../../src/periods';

const s = { period: parsePeriod('2026-10'), dueAt: new Date('2026-11-15T01:00:00Z') };
const published = new Date('2026-11-14T01:00:00Z');
const now = new Date('2026-12-01T00:00:00Z');
const pub = (interpretedAt: Date | null) => ({ publishAt: published, revisions: 1, interpretedAt });

describe('a period whose dataset requires an interpretation (解读, 六(三))', () => {
  it('is incomplete while published without one, and counts as due but not on time', () => {
    const e = periodState(s, pub(null), now, { requiresInterpretation: true });
    expect(e).to.include({ state: 'incomplete', delaySeconds: null, publishedAt: published });
    const summary = summarise([e], now);
    expect(summary).to.include({ due: 1, incomplete: 1, onTime: 0, onTimeRate: 0 });
  });

  it('counts as published when both were: on time with both by the due instant, late otherwise', () => {
    const early = periodState(s, pub(new Date('2026-11-14T06:00:00Z')), now, {
      requiresInterpretation: true,
    });
    expect(early).to.include({ state: 'on_time', delaySeconds: null });
    const late = periodState(s, pub(new Date('2026-11-16T01:00:00Z')), now, { requiresInterpretation: true });
    expect(late).to.include({ state: 'late', delaySeconds: 86_400 });
  });

  it('changes nothing for datasets that do not require one, or for an interpretation not yet public', () => {
    expect(periodState(s, pub(null), now).state).to.equal('on_time');
    const future = periodState(s, pub(new Date('2027-01-01T00:00:00Z')), now, {
      requiresInterpretation: true,
    });
    expect(future.state).to.equal('incomplete');
  });
});
