import { expect } from 'chai';
import { loadConfig } from '../../src/config';
import { AppError } from '../../src/errors';
import { parseLsn } from '../../src/db';

function refusal(env: Record<string, string>): AppError {
  try {
    loadConfig(env);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected loadConfig to refuse');
}

describe('scale-out configuration', () => {
  it('refuses WORKERS > 1 on embedded PGlite, naming the variable and the reason', () => {
    const err = refusal({ WORKERS: '2' });
    expect(err.code).to.equal('invalid_config');
    expect(err.details).to.deep.include({ variable: 'WORKERS', value: '2' });
    expect(err.message).to.contain('DATABASE_URL');
    expect(err.message).to.contain('PGlite');
  });

  it('refuses replicas without a PostgreSQL primary', () => {
    const err = refusal({ DATABASE_REPLICA_URLS: 'postgres://127.0.0.1:5433/x' });
    expect(err.details).to.deep.include({ variable: 'DATABASE_REPLICA_URLS' });
  });

  it('accepts several workers and a comma-separated replica list on PostgreSQL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://127.0.0.1/x',
      WORKERS: '4',
      DATABASE_REPLICA_URLS: ' postgres://127.0.0.1:5433/x , postgres://127.0.0.1:5434/x,',
    });
    expect(config.workers).to.equal(4);
    expect(config.replicaUrls).to.deep.equal(['postgres://127.0.0.1:5433/x', 'postgres://127.0.0.1:5434/x']);
    expect(loadConfig({}).workers).to.equal(1);
  });

  it('orders WAL positions as PostgreSQL does, across the 32-bit boundary', () => {
    expect(parseLsn('0/16B3748')).to.equal(0x16b3748n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).to.equal(true);
    expect(parseLsn('16/B374D848')).to.equal((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn(null)).to.equal(undefined);
    expect(parseLsn('nonsense')).to.equal(undefined);
  });
});
