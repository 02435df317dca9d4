import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { StackPrerequisiteError } from './prerequisites.ts';
import { startDetached, waitUntil, type ManagedProcess } from './processes.ts';
import { endpointsOf, stackPaths, type StackConfig } from './stack-config.ts';

/** The PostgreSQL process of a stack: the backbone's state store (adapter de-duplication, consumer idempotency). */
export function postgresProcess(cfg: StackConfig): ManagedProcess {
  const p = stackPaths(cfg);
  return {
    name: 'postgres',
    marker: 'bin/postgres',
    pidFile: path.join(p.run, 'postgres.pid'),
    logFile: path.join(p.logs, 'postgres.log'),
    // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to leave.
    stopSignal: 'SIGINT',
  };
}

/**
 * PostgreSQL refuses to run as root. When the stack runs as root (CI, containers), the
 * server runs as `nobody` through setpriv, and owns its data folder.
 */
function asServerUser(bin: string, args: string[]): { command: string; args: string[]; owner?: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) return { command: bin, args };
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  return {
    command: 'setpriv',
    args: ['--reuid=nobody', '--regid=nogroup', '--clear-groups', bin, ...args],
    owner: { uid: id('-u'), gid: id('-g') },
  };
}

/** Lets the server user reach its data folder: adds search permission on the folders from the stack home down (a mkdtemp home is 0700). */
function makeTraversable(home: string, dataDir: string): void {
  for (let dir = path.dirname(dataDir); dir.startsWith(home); dir = path.dirname(dir)) {
    chmodSync(dir, statSync(dir).mode | 0o111);
    if (dir === home) break;
  }
}

/** True when the server accepts a connection to the backbone database. */
export async function postgresReady(cfg: StackConfig): Promise<boolean> {
  const client = new pg.Client({ connectionString: endpointsOf(cfg).stateStoreUrl, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(cfg: StackConfig): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port: cfg.postgresPort, user: 'backbone', database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = 'backbone'");
    if (rowCount === 0) await client.query('create database backbone');
  } finally {
    await client.end();
  }
}

/**
 * Initialises the data folder on first use (superuser "backbone", trust authentication on
 * loopback only: a local development store), then starts the server and waits until the
 * backbone database answers.
 */
export async function startPostgres(cfg: StackConfig, bin: string): Promise<void> {
  const p = stackPaths(cfg);
  const proc = postgresProcess(cfg);
  const probe = asServerUser(path.join(bin, 'postgres'), []);
  if (!existsSync(path.join(p.postgresData, 'PG_VERSION'))) {
    mkdirSync(p.postgresData, { recursive: true });
    if (probe.owner) {
      chownSync(p.postgresData, probe.owner.uid, probe.owner.gid);
      makeTraversable(cfg.home, p.postgresData);
    }
    const init = asServerUser(path.join(bin, 'initdb'), ['-D', p.postgresData, '-U', 'backbone', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const res = spawnSync(init.command, init.args, { encoding: 'utf8' });
    if (res.status !== 0) throw new StackPrerequisiteError(`initdb failed in ${p.postgresData}:\n${res.stdout}${res.stderr}`);
  }
  const run = asServerUser(path.join(bin, 'postgres'), [
    '-D',
    p.postgresData,
    '-p',
    String(cfg.postgresPort),
    '-c',
    'listen_addresses=127.0.0.1',
    // No Unix socket: clients use TCP, and the server user may not write to /var/run/postgresql.
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ]);
  // A server stopped a moment ago may still be writing its shutdown checkpoint and holding
  // postmaster.pid; a new one started now would exit at once.
  const lock = path.join(p.postgresData, 'postmaster.pid');
  for (let i = 0; i < 100 && existsSync(lock); i++) await sleep(100);
  const started = startDetached(proc, run.command, run.args, cfg.home);
  await waitUntil(proc, started, 'accepting connections', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: cfg.postgresPort, user: 'backbone', database: 'postgres', connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }, 60_000);
  await ensureDatabase(cfg);
}
