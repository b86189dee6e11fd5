import { expect } from 'chai';
import {
  camelCase,
  constantCase,
  datasetFieldName,
  fieldGraphqlName,
  singular,
  typeNameFor,
} from '../../src/graphql/names';

describe('GraphQL name derivation', () => {
  it('types the seven sample datasets by the singular of their graphqlName', () => {
    const expected: Record<string, string> = {
      agriculturalPrices: 'AgriculturalPrice',
      landPrices: 'LandPrice',
      waterQualityRankings: 'WaterQualityRanking',
      foodSamplingResults: 'FoodSamplingResult',
      fiscalRevenueExpenditure: 'FiscalRevenueExpenditure',
      grainPurchaseProgress: 'GrainPurchaseProgress',
      landSupply: 'LandSupply',
    };
    for (const [root, type] of Object.entries(expected)) expect(typeNameFor(root), root).to.equal(type);
  });

  it('handles English plural endings and leaves singular and mass nouns alone', () => {
    expect(singular('agencies')).to.equal('agency');
    expect(singular('landSupplies')).to.equal('landSupply');
    expect(singular('taxBoxes')).to.equal('taxBox');
    expect(singular('matches')).to.equal('match');
    expect(singular('addresses')).to.equal('address');
    expect(singular('days')).to.equal('day');
    expect(singular('censusData')).to.equal('censusData');
    expect(singular('timeSeries')).to.equal('timeSeries');
    expect(singular('workStatus')).to.equal('workStatus');
    expect(singular('basis')).to.equal('basis');
    expect(singular('fiscalRevenueExpenditure')).to.equal('fiscalRevenueExpenditure');
  });

  it('derives field and dataset names from storage names when none is given', () => {
    expect(camelCase('avg_price')).to.equal('avgPrice');
    expect(camelCase('q1_value_2')).to.equal('q1Value2');
    expect(camelCase('agri-prices')).to.equal('agriPrices');
    expect(fieldGraphqlName({ name: 'purchased_pentad' })).to.equal('purchasedPentad');
    expect(fieldGraphqlName({ name: 'avg_price', graphqlName: 'meanPrice' })).to.equal('meanPrice');
    expect(datasetFieldName({ id: 'food-sampling', graphqlName: null })).to.equal('foodSampling');
    expect(datasetFieldName({ id: 'food-sampling', graphqlName: 'foodSamplingResults' })).to.equal(
      'foodSamplingResults',
    );
  });

  it('spells enum values in CONSTANT_CASE', () => {
    expect(constantCase('avgPrice')).to.equal('AVG_PRICE');
    expect(constantCase('rank')).to.equal('RANK');
    expect(constantCase('q1Value')).to.equal('Q1_VALUE');
    expect(constantCase('purchasedCumulative')).to.equal('PURCHASED_CUMULATIVE');
  });
});
