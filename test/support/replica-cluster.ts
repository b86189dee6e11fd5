import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A free loopback port, picked by the OS. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** PostgreSQL's server programs refuse to run as root; they then run as the postgres user. */
function asServerUser(cmd: string, args: string[]): string {
  const full = path.join(BIN, cmd);
  const res =
    process.getuid?.() === 0
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' })
      : spawnSync(full, args, { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr || res.stdout}`);
  return res.stdout;
}

function psql(url: string, sql: string): string {
  return execFileSync('psql', [url, '-Atqc', sql], { encoding: 'utf8' }).trim();
}

/** Why the replica test cannot run here, or undefined when it can. */
export function replicaSkipReason(): string | undefined {
  if (!process.env.DATABASE_URL) return 'needs DATABASE_URL: PGlite has no replication';
  for (const b of ['initdb', 'pg_ctl', 'pg_basebackup']) {
    if (!fs.existsSync(path.join(BIN, b))) return `${path.join(BIN, b)} is missing`;
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) {
    return 'running as root without a postgres user to run pg_ctl as';
  }
  return undefined;
}

/** Whether the server named by `url` accepts replication connections from 127.0.0.1 (pg_hba.conf). */
export function acceptsReplication(url: string): boolean {
  const u = new URL(url);
  const res = spawnSync(
    'psql',
    [
      `host=${u.hostname} port=${u.port || 5432} user=${u.username || 'postgres'} replication=true dbname=postgres`,
      '-c',
      'IDENTIFY_SYSTEM',
    ],
    { encoding: 'utf8' },
  );
  return res.status === 0;
}

export interface ReplicaCluster {
  /** Admin URL (database postgres) of the primary. */
  primaryUrl: string;
  /** Admin URL (database postgres) of the streaming replica. */
  replicaUrl: string;
  /** Whether the primary is a private one made for the test (the local server refused replication). */
  privatePrimary: boolean;
  stop(): void;
}

function startCluster(dir: string, port: number, log: string): void {
  asServerUser('pg_ctl', [
    '-D',
    dir,
    '-l',
    log,
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${path.dirname(dir)} -c listen_addresses=127.0.0.1`,
    'start',
  ]);
}

/**
 * A streaming replica made with `pg_basebackup -R` and started with pg_ctl on a free
 * loopback port. Its primary is the local server when that accepts replication
 * connections; otherwise (pg_hba.conf has no `replication` line, which the test must not
 * edit) a private primary made with initdb in the same temporary directory.
 */
export async function startReplicaCluster(localUrl: string): Promise<ReplicaCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendata-replica-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const started: string[] = [];
  const stop = () => {
    for (const d of started.reverse()) {
      try {
        asServerUser('pg_ctl', ['-D', d, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already down */
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    let primaryUrl = localUrl.replace(/\/[^/]*$/, '/postgres');
    const privatePrimary = !acceptsReplication(localUrl);
    if (privatePrimary) {
      const data = path.join(dir, 'primary');
      const port = await freePort();
      // --auth=trust also writes trust lines for replication from 127.0.0.1.
      asServerUser('initdb', [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ]);
      fs.appendFileSync(
        data + '/postgresql.conf',
        '\nfsync = off\nwal_level = replica\nmax_wal_senders = 4\n',
      );
      startCluster(data, port, path.join(dir, 'primary.log'));
      started.push(data);
      primaryUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    }
    const p = new URL(primaryUrl);
    const replica = path.join(dir, 'replica');
    asServerUser('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      p.port || '5432',
      '-U',
      'postgres',
      '-D',
      replica,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    // A Debian server keeps its configuration in /etc, so the copy may have none of its own.
    const defaults: Record<string, string> = {
      'postgresql.conf': 'hot_standby = on\n',
      'pg_hba.conf': 'local all all trust\nhost all all 127.0.0.1/32 trust\n',
      'pg_ident.conf': '',
    };
    for (const [name, text] of Object.entries(defaults)) {
      const file = path.join(replica, name);
      if (fs.existsSync(file)) continue;
      fs.writeFileSync(file, text);
      if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', file]);
    }
    const port = await freePort();
    startCluster(replica, port, path.join(dir, 'replica.log'));
    started.push(replica);
    const replicaUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    for (let i = 0; ; i++) {
      if (psql(replicaUrl, 'SELECT status FROM pg_stat_wal_receiver') === 'streaming') break;
      if (i > 300) throw new Error('the replica did not start streaming within 30 s');
      await sleep(100);
    }
    return { primaryUrl, replicaUrl, privatePrimary, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
