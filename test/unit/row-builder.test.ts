import { expect } from 'chai';
import { rowBuilder } from '../../src/query/row-builder';

describe('row objects built from result rows', () => {
  it('keeps the field order and fills fields a filter pinned with the pinned value', () => {
    const build = rowBuilder(
      ['period', 'city', 'market', 'price'],
      [{ at: 0 }, { pinned: '140100' }, { at: 1 }, { at: 2 }],
    );
    const row = build(['2023-W01', '太原市河西农产品批发市场', 25.13]);
    expect(Object.keys(row)).to.deep.equal(['period', 'city', 'market', 'price']);
    expect(row).to.deep.equal({
      period: '2023-W01',
      city: '140100',
      market: '太原市河西农产品批发市场',
      price: 25.13,
    });
  });

  it('gives each request its own pinned values even when the shape is shared', () => {
    const sources = [{ pinned: '猪肉' }, { at: 0 }] as const;
    const pork = rowBuilder(['product', 'price'], [...sources]);
    const beef = rowBuilder(['product', 'price'], [{ pinned: '牛肉' }, { at: 0 }]);
    expect(pork([1]).product).to.equal('猪肉');
    expect(beef([2]).product).to.equal('牛肉');
  });

  it('turns a missing cell into null and never lets a field name set the prototype', () => {
    const build = rowBuilder(['__proto__', 'x'], [{ at: 0 }, { pinned: 'p' }]);
    const row = build([undefined]);
    expect(Object.getPrototypeOf(row)).to.equal(Object.prototype);
    expect(Object.keys(row)).to.deep.equal(['__proto__', 'x']);
    expect(row.x).to.equal('p');
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).to.equal(null);
  });
});
