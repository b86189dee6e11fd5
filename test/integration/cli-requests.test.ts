import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { publisherToken } from '../support/auth';
import { beijingToday, freshAgency, recordPaper, SECRETS } from '../support/requests';
import { testServer } from '../support/server';

const BIN = path.resolve(__dirname, '../../bin/opendata.js');

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'opendata-cli-req-'));
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENDATA_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: home,
      env: { ...base, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('opendata requests (the agency CLI, over HTTP)', () => {
  it('lists the agency’s queue with deadlines, overdue first, and never the requester', async () => {
    const agency = await freshAgency('cli-req');
    const overdue = await recordPaper(agency, '2025-01-24');
    const fresh = await recordPaper(agency, beijingToday());
    const env = { OPENDATA_SERVER: (await testServer()).url, OPENDATA_TOKEN: await publisherToken(agency) };
    const run = await cli(['requests'], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^2 requests, 1 overdue/);
    const lines = run.stdout.split('\n');
    const at = (tn: string) => lines.findIndex((l) => l.includes(tn));
    expect(at(overdue)).to.be.greaterThan(0);
    expect(at(overdue)).to.be.lessThan(at(fresh));
    expect(lines[at(overdue)]).to.contain('2025-02-27').and.to.contain('overdue');
    for (const s of SECRETS) expect(run.stdout).not.to.contain(s);

    const json = await cli(['requests', '--json', '--status', 'all'], env);
    expect(json.code, json.stderr).to.equal(0);
    expect(JSON.parse(json.stdout).data).to.have.length(2);
    const bad = await cli(['requests', '--status', 'closed'], env);
    expect(bad.code).to.equal(2);
  });
});
