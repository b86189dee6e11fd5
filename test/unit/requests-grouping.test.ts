import { expect } from 'chai';
import {
  bigrams,
  groupCandidates,
  jaccard,
  normaliseSubject,
  similarGroups,
} from '../../src/requests/grouping';
import type { InfoRequest } from '../../src/requests';
import { spamVerdict } from '../../src/submissions';

const sim = (a: string, b: string) => jaccard(bigrams(normaliseSubject(a)), bigrams(normaliseSubject(b)));

function request(
  id: number,
  subject: string,
  dataset: string | null = null,
  status = 'received',
): InfoRequest {
  return {
    id,
    trackingNumber: `YSQ2026-0000000${id}`,
    subject,
    dataset: dataset ? { id: dataset, title: { zh: dataset, en: dataset } } : null,
    status,
    receivedOn: `2026-11-${String(10 + id).padStart(2, '0')}`,
  } as unknown as InfoRequest;
}

describe('grouping requests for the same information', () => {
  it('drops the boilerplate every request shares and compares character bigrams', () => {
    expect(normaliseSubject('申请公开：2024年太原市空气质量月报的数据！')).to.equal(
      '2024年太原市空气质量月报',
    );
    expect(sim('太原市2024年空气质量月报', '申请公开2024年太原市空气质量月报')).to.be.at.least(0.5);
    expect(sim('太原市2024年空气质量月报', '太原市2024年最低工资标准')).to.be.below(0.5);
    expect(sim('', '')).to.equal(0);
  });

  it('links similar subjects into one group (single linkage) and leaves others alone', () => {
    const groups = similarGroups(
      [
        '全省各市2025年财政收支月报',
        '2025年全省各市财政收支月报',
        '请提供全省各市2025年财政收支月报数据',
        '大同市医保定点药店名单',
      ],
      0.5,
    );
    expect(groups.map((g) => g.length).sort()).to.deep.equal([1, 3]);
  });

  it('flags groups at the threshold: by dataset, or by text; spam never counts', () => {
    const requests = [
      request(1, '粮食收购进度', 'grain-purchase'),
      request(2, '玉米收购价格', 'grain-purchase'),
      request(3, '收购进度表', 'grain-purchase'),
      request(4, '2025年太原市空气质量月报'),
      request(5, '太原市2025年空气质量月报'),
      request(6, '2025年太原市空气质量月报', null, 'spam'),
      request(7, '晋中市低保名单'),
    ];
    const out = groupCandidates(requests, { threshold: 3, similarity: 0.5 });
    expect(out).to.have.length(1);
    expect(out[0]).to.include({
      kind: 'dataset',
      count: 3,
      subject: '粮食收购进度',
      firstReceivedOn: '2026-11-11',
    });
    const two = groupCandidates(requests, { threshold: 2, similarity: 0.5 });
    expect(two.map((c) => [c.kind, c.count])).to.deep.equal([
      ['dataset', 3],
      ['text', 2],
    ]);
  });
});

describe('spam verdict', () => {
  it('flags a filled honeypot or more than three links, and nothing else', () => {
    expect(spamVerdict({ honeypot: '', texts: ['请提供2025年数据'] })).to.deep.equal({
      spam: false,
      reasons: [],
    });
    expect(spamVerdict({ honeypot: 'http://x.example', texts: [] }).reasons).to.deep.equal(['honeypot']);
    const links = 'see http://a.example http://b.example www.c.example https://d.example';
    expect(spamVerdict({ honeypot: undefined, texts: [links] }).reasons).to.deep.equal(['too_many_links']);
    expect(
      spamVerdict({ honeypot: undefined, texts: ['http://a.example', 'http://b.example'] }).spam,
    ).to.equal(false);
  });
});
