import { expect } from 'chai';
import { ExitCode, exitCodeFor } from '../../src/cli/exit-codes';

describe('cli exit codes', () => {
  const cases: Array<[number, string | undefined, number]> = [
    [200, undefined, 0],
    [201, undefined, 0],
    [400, 'validation_failed', 1],
    [422, 'validation_failed', 1],
    [400, 'invalid_encoding', 5],
    [400, 'csv_parse_error', 5],
    [400, 'invalid_header', 5],
    [400, 'empty_upload', 5],
    [400, 'invalid_period', 5],
    [400, 'invalid_parameter', 5],
    [401, 'unauthorized', 3],
    [401, 'authentication_required', 3],
    [403, 'forbidden', 3],
    [404, 'dataset_not_found', 5],
    [409, 'release_exists', 4],
    [413, 'payload_too_large', 5],
    [415, 'unsupported_media_type', 5],
    [408, undefined, 6],
    [429, 'rate_limited', 6],
    [500, 'internal_error', 6],
    [502, undefined, 6],
    [503, 'unavailable', 6],
    [302, undefined, 6],
  ];
  for (const [status, code, exit] of cases) {
    it(`HTTP ${status} ${code ?? '(no code)'} -> ${exit}`, () => {
      expect(exitCodeFor(status, code)).to.equal(exit);
    });
  }

  it('validation_failed only means "fix the file" on a client error, not on a 5xx', () => {
    expect(exitCodeFor(500, 'validation_failed')).to.equal(ExitCode.serverOrNetwork);
  });

  it('keeps the documented numbers', () => {
    expect(ExitCode).to.deep.equal({
      ok: 0,
      validationFailed: 1,
      usage: 2,
      auth: 3,
      conflict: 4,
      client: 5,
      serverOrNetwork: 6,
    });
  });
});
