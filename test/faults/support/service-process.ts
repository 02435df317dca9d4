import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { repoRoot } from '../../../scripts/stack/stack-config.ts';
import { waitFor } from '../../support/test-env.ts';
import { tsNodeArgs } from '../../../scripts/ts-runtime/node-args.ts';

/**
 * A backbone service run as its own process (`services/<name>/main.ts`), so a fault test can
 * SIGKILL it mid-stream and start it again, as an orchestrator would. Keeps the last lines
 * of its output for the failure message.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  readonly output: string[] = [];
  starts = 0;

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    /** URL of its /health/ready, polled by `start` when given. */
    private readonly readyUrl?: string,
  ) {}

  /** Starts the process and, when it has a readiness URL, waits until it is ready. */
  async start(timeoutMs = 90_000): Promise<void> {
    const child = spawn(process.execPath, [...tsNodeArgs, this.entry], { cwd: repoRoot, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts++;
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (d: Buffer) => {
        this.output.push(...d.toString().trim().split('\n').map((l) => `${this.name}#${this.starts}: ${l.slice(0, 400)}`));
        this.output.splice(0, Math.max(0, this.output.length - 30));
      });
    }
    if (!this.readyUrl) return;
    const url = this.readyUrl;
    await waitFor(
      `${this.name} ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.output.join('\n')}`);
        return fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
      },
      timeoutMs,
    );
  }

  /** The running process's id. */
  get pid(): number | undefined {
    return this.running ? this.child!.pid : undefined;
  }

  /** True while the process runs. */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Kills it without warning (SIGKILL) or stops it gracefully (SIGTERM), and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
}
