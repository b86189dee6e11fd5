import { expect } from 'chai';
import { createProgress } from '../../src/cli/progress';
import { CountingStream, estimateRows } from '../../src/cli/upload';

describe('cli progress', () => {
  const sink = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, isTTY, columns: 100, write: (s: string) => writes.push(s) };
  };

  it('draws nothing when stderr is not a terminal', () => {
    const s = sink(false);
    const p = createProgress(s, 'prices.csv', 1000);
    p.update(500, 10);
    p.sent(20);
    p.done();
    expect(s.writes).to.deep.equal([]);
  });

  it('shows bytes sent of the total and the running row estimate, then clears the line', () => {
    const s = sink(true);
    let t = 0;
    const p = createProgress(s, 'prices.csv', 2 * 1024 * 1024, () => t);
    p.update(1024 * 1024, 12345);
    t += 10;
    p.update(1024 * 1024 + 1, 12346); // throttled: too soon after the last frame
    expect(s.writes).to.have.length(1);
    expect(s.writes[0]).to.include('prices.csv');
    expect(s.writes[0]).to.include(' 50% 1.0 MB/2.0 MB ~12,345 rows');
    p.sent(24000);
    expect(s.writes[1]).to.include('100%');
    p.done();
    expect(s.writes[2]).to.equal('\r\u001b[K');
    expect(s.writes.every((w) => w.startsWith('\r'))).to.equal(true);
  });

  it('counts bytes and newlines as they pass, and estimates rows per format', async () => {
    const seen: number[] = [];
    const counter = new CountingStream((sent) => seen.push(sent.bytes));
    const parts = ['h1,h2\n', '价格,1\n2,', '3'];
    const out: Buffer[] = [];
    counter.on('data', (c: Buffer) => out.push(c));
    for (const p of parts) counter.write(Buffer.from(p));
    counter.end();
    await new Promise((r) => counter.on('end', r));
    expect(Buffer.concat(out).toString()).to.equal(parts.join(''));
    expect(counter.sent.bytes).to.equal(Buffer.byteLength(parts.join('')));
    expect(counter.sent.newlines).to.equal(2);
    expect(seen).to.have.length(3);
    expect(estimateRows('csv', counter.sent, false)).to.equal(1);
    // The last line has no newline: it still counts once the file is complete.
    expect(estimateRows('csv', counter.sent, true)).to.equal(2);
    expect(estimateRows('ndjson', counter.sent, true)).to.equal(3);
    expect(estimateRows('json', counter.sent, true)).to.equal(undefined);
  });
});
