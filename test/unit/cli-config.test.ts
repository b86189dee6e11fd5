import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { DEFAULT_SERVER, resolveConfig, type ConfigInput } from '../../src/cli/config';
import { CliError } from '../../src/cli/exit-codes';
import type { HttpRequest, Transport } from '../../src/cli/http-client';
import { createIo } from '../../src/cli/io';
import { run } from '../../src/cli/program';

const SECRET = 'tok_9d8c7b6a5f4e3d2c1b0a';

describe('cli config', () => {
  let home: string;
  let cwd: string;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'opendata-home-'));
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'opendata-cwd-'));
  });
  afterEach(() => {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  const writeJson = (file: string, value: unknown) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const input = (over: Partial<ConfigInput> = {}): ConfigInput => ({
    flags: {},
    env: {},
    cwd,
    home,
    ...over,
  });
  const homeFile = () => path.join(home, '.config', 'opendata', 'config.json');

  it('falls back to the default server and no token', () => {
    const c = resolveConfig(input());
    expect(c.server).to.equal(DEFAULT_SERVER);
    expect(c.token).to.equal(undefined);
    expect(c.sources).to.deep.equal({ server: 'default', token: undefined });
  });

  it('reads ~/.config/opendata/config.json, and ./.opendatarc.json overrides it key by key', () => {
    writeJson(homeFile(), { server: 'https://home.example', token: 'home-token' });
    expect(resolveConfig(input())).to.include({ server: 'https://home.example', token: 'home-token' });
    writeJson(path.join(cwd, '.opendatarc.json'), { server: 'https://project.example/' });
    const c = resolveConfig(input());
    expect(c).to.include({ server: 'https://project.example', token: 'home-token' });
    expect(c.origins.server).to.equal(path.join(cwd, '.opendatarc.json'));
    expect(c.origins.token).to.equal(homeFile());
  });

  it('environment beats the file, flags beat the environment', () => {
    writeJson(homeFile(), { server: 'https://file.example', token: 'file-token' });
    const env = { OPENDATA_SERVER: 'https://env.example', OPENDATA_TOKEN: 'env-token' };
    expect(resolveConfig(input({ env }))).to.deep.include({
      server: 'https://env.example',
      token: 'env-token',
      sources: { server: 'env', token: 'env' },
    });
    const flags = { server: 'https://flag.example', token: 'flag-token' };
    expect(resolveConfig(input({ env, flags }))).to.deep.include({
      server: 'https://flag.example',
      token: 'flag-token',
      sources: { server: 'flag', token: 'flag' },
    });
    // Each key independently: a flag for the server leaves the token to the environment.
    expect(resolveConfig(input({ env, flags: { server: 'https://flag.example' } }))).to.deep.include({
      token: 'env-token',
      sources: { server: 'flag', token: 'env' },
    });
  });

  it('--config names the only file read; empty values fall through', () => {
    writeJson(homeFile(), { token: 'home-token' });
    const file = writeJson(path.join(cwd, 'ci.json'), { server: 'https://ci.example', token: '' });
    const c = resolveConfig(input({ flags: { config: 'ci.json' }, env: { OPENDATA_TOKEN: '' } }));
    expect(c).to.include({ server: 'https://ci.example', token: undefined });
    expect(c.files).to.deep.equal([file]);
  });

  it('refuses a missing or malformed config file, or a non-http server, as usage errors (2)', () => {
    const usage = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).to.be.instanceOf(CliError);
        expect((err as CliError).exitCode).to.equal(2);
        return;
      }
      expect.fail('expected a usage error');
    };
    usage(() => resolveConfig(input({ flags: { config: 'missing.json' } })));
    fs.writeFileSync(path.join(cwd, '.opendatarc.json'), '{ "server": ');
    usage(() => resolveConfig(input()));
    fs.writeFileSync(path.join(cwd, '.opendatarc.json'), '{ "token": 42 }');
    usage(() => resolveConfig(input()));
    fs.rmSync(path.join(cwd, '.opendatarc.json'));
    usage(() => resolveConfig(input({ flags: { server: 'ftp://x' } })));
    usage(() => resolveConfig(input({ flags: { server: 'https://user:pw@x.example' } })));
  });

  describe('the token is never printed', () => {
    const whoami = {
      role: 'publisher',
      agency: { id: 'agri', name: { zh: '农业农村厅', en: 'Agri' } },
      tokenName: 'ci',
    };
    const release = {
      id: 1,
      datasetId: 'agri-prices',
      period: { id: '2017-W19', label: { zh: '2017年第19周', en: 'w19' } },
      revision: 1,
      rowCount: 2,
      sha256: 'f'.repeat(64),
      status: 'published',
      publishAt: '2017-05-15T01:30:00Z',
      publishedAt: '2017-05-15T01:30:00Z',
      note: null,
      revisionReason: null,
    };
    const json = (status: number, body: unknown) => ({
      status,
      headers: { 'content-type': 'application/json' },
      text: JSON.stringify(body),
    });

    /** Answers like the server; `echo` makes error messages repeat the Authorization header. */
    const fakeServer =
      (seen: HttpRequest[], mode: 'ok' | 'echo'): Transport =>
      async (req) => {
        seen.push(req);
        if (req.body) for await (const _chunk of req.body) void _chunk;
        if (mode === 'echo') {
          return json(401, { error: { code: 'unauthorized', message: `bad ${req.headers.Authorization}` } });
        }
        const p = req.url.pathname;
        if (p === '/api/v1/whoami') return json(200, { data: whoami });
        if (p === '/api/v1/datasets') return json(200, { data: [] });
        if (p.endsWith('/releases') && req.url.searchParams.get('dryRun')) {
          return json(200, {
            data: { report: { valid: true, rowCount: 2, errorCount: 0, errors: [], totalsByRule: {} } },
          });
        }
        if (p.endsWith('/releases')) return json(201, { data: release, meta: { report: { valid: true } } });
        return json(404, { error: { code: 'route_not_found', message: 'no' } });
      };

    async function runCapture(
      argv: string[],
      opts: { env?: Record<string, string>; mode?: 'ok' | 'echo' } = {},
    ) {
      let out = '';
      const sink = { write: (s: string) => (out += s), isTTY: true, columns: 100 };
      const seen: HttpRequest[] = [];
      const code = await run(argv, {
        io: createIo(sink, sink),
        env: opts.env ?? {},
        cwd,
        home,
        version: 'test',
        transport: fakeServer(seen, opts.mode ?? 'ok'),
      });
      return { code, out, seen };
    }

    it('not by any command, human or --json, however the token was given', async () => {
      fs.writeFileSync(path.join(cwd, 'p.csv'), 'a,b\n1,2\n3,4\n');
      fs.writeFileSync(path.join(cwd, 'conf.json'), JSON.stringify({ token: SECRET }));
      const commands = [
        ['whoami'],
        ['status'],
        ['publish', '--dataset', 'agri-prices', '--period', '2017-W19', 'p.csv'],
        ['validate', '--dataset', 'agri-prices', '--period', '2017-W19', 'p.csv'],
      ];
      const ways: Array<{ args: string[]; env?: Record<string, string> }> = [
        { args: ['--token', SECRET] },
        { args: [], env: { OPENDATA_TOKEN: SECRET } },
        { args: ['--config', 'conf.json'] },
      ];
      for (const way of ways) {
        for (const cmd of commands) {
          for (const extra of [[], ['--json']]) {
            const r = await runCapture([...way.args, ...extra, ...cmd], { env: way.env });
            expect(r.code, `${cmd.join(' ')}: ${r.out}`).to.equal(0);
            expect(r.out).not.to.include(SECRET);
            // It is sent, though: only printing is forbidden.
            expect(r.seen[0]!.headers.Authorization).to.equal(`Bearer ${SECRET}`);
          }
        }
      }
    });

    it('whoami says where the token came from instead', async () => {
      const r = await runCapture(['whoami'], { env: { OPENDATA_TOKEN: SECRET } });
      expect(r.out).to.match(/token from\s+OPENDATA_TOKEN/);
      expect(r.out).to.include('农业农村厅');
    });

    it('not even when the server echoes it back in an error message', async () => {
      for (const extra of [[], ['--json']]) {
        const r = await runCapture([...extra, 'whoami'], { env: { OPENDATA_TOKEN: SECRET }, mode: 'echo' });
        expect(r.code).to.equal(3);
        expect(r.out).to.include('Bearer ***');
        expect(r.out).not.to.include(SECRET);
      }
    });
  });
});
