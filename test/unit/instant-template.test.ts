import { expect } from 'chai';
import { fillInstant, instantTemplate } from '../../src/http/instant-template';
import { withParam } from '../../src/http/url-params';

const render = (asOf: Date) =>
  JSON.stringify({
    meta: {
      dataset: 'agri-prices',
      asOf: asOf.toISOString(),
      citation: {
        text: `山西省农业农村厅. 价格, as of ${asOf.toISOString()}.`,
        url: withParam('/api/v1/datasets/agri-prices/rows?city=太原&cursor=abc', 'asOf', asOf.toISOString(), [
          'cursor',
        ]),
      },
    },
  });

describe('a response cut around the instant it was served at', () => {
  it('gives, for any instant, exactly the text the full render gives', () => {
    const template = instantTemplate(render);
    expect(template).to.not.equal(undefined);
    expect(template!.slots).to.deep.equal(['iso', 'iso', 'form']);
    for (const instant of [
      '2026-12-06T22:33:01.123Z',
      '1999-01-01T00:00:00.000Z',
      '2017-05-19T08:00:00.500Z',
    ]) {
      const asOf = new Date(instant);
      expect(Buffer.concat(fillInstant(template!, asOf)).toString('utf8')).to.equal(render(asOf));
    }
  });

  it('refuses a render that depends on anything but the instant', () => {
    let calls = 0;
    expect(instantTemplate((asOf) => `${asOf.toISOString()} call ${++calls}`)).to.equal(undefined);
  });

  it('keeps a text without the instant whole', () => {
    const template = instantTemplate(() => '{"meta":{"count":3}}');
    expect(template!.slots).to.deep.equal([]);
    expect(Buffer.concat(fillInstant(template!, new Date())).toString()).to.equal('{"meta":{"count":3}}');
  });
});
