import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A background JVM process of the stack, tracked through a pid file. */
export interface ManagedProcess {
  /** Short name: "kafka" or "registry". */
  name: string;
  /** Text that must appear in the process command line, so a recycled pid is never mistaken for ours. */
  marker: string;
  pidFile: string;
  logFile: string;
  /** Signal for a graceful stop (default SIGTERM). */
  stopSignal?: NodeJS.Signals;
}

/** Returns the pid when the process is running (and is really ours), otherwise undefined. */
export function runningPid(proc: ManagedProcess): number | undefined {
  if (!existsSync(proc.pidFile)) return undefined;
  const pid = Number(readFileSync(proc.pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(proc.marker) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A process just started: its pid, and whether it has exited since. */
export interface Started {
  pid: number;
  exited(): boolean;
}

/** Starts a detached process whose output goes to its log file, and records its pid. */
export function startDetached(proc: ManagedProcess, command: string, args: string[], cwd: string): Started {
  mkdirSync(path.dirname(proc.pidFile), { recursive: true });
  mkdirSync(path.dirname(proc.logFile), { recursive: true });
  const fd = openSync(proc.logFile, 'a');
  try {
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) throw new Error(`could not start ${proc.name} (${command})`);
    let exited = false;
    // The exit event, not /proc/<pid>/cmdline, says whether our own child died: while setpriv
    // switches to the server user, its /proc entry can briefly be unreadable.
    child.once('exit', () => (exited = true));
    child.unref();
    writeFileSync(proc.pidFile, String(child.pid));
    return { pid: child.pid, exited: () => exited };
  } finally {
    closeSync(fd);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie has exited; only its parent's wait() removes it, and that parent may be busy.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Stops a process gracefully (its stop signal: SIGTERM lets Kafka flush and close its logs),
 * escalating to SIGKILL after the grace period.
 */
export async function stopProcess(proc: ManagedProcess, graceMs = 30_000): Promise<boolean> {
  const pid = runningPid(proc);
  if (pid === undefined) {
    rmSync(proc.pidFile, { force: true });
    return false;
  }
  process.kill(pid, proc.stopSignal ?? 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await sleep(200);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  while (alive(pid)) await sleep(100);
  rmSync(proc.pidFile, { force: true });
  return true;
}

/** Last lines of a log file, for error messages. */
export function tail(file: string, lines = 25): string {
  if (!existsSync(file)) return '(no log yet)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Polls `probe` until it resolves true. Fails early, with the log's tail, when the process died,
 * and on timeout.
 */
export async function waitUntil(
  proc: ManagedProcess,
  started: Started,
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    if (started.exited()) {
      throw new Error(`${proc.name} exited before ${what}. Last lines of ${proc.logFile}:\n${tail(proc.logFile)}`);
    }
    await sleep(500);
  }
  throw new Error(`${proc.name} was not ${what} after ${timeoutMs / 1000}s. Last lines of ${proc.logFile}:\n${tail(proc.logFile)}`);
}
