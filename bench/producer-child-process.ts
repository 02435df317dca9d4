/**
 * The parent's handle on one producer-child.ts process: spawns it (`childV8Flags`, `tsNodeArgs`)
 * with the variant's OTEL_* environment and every inherited OTEL_* variable removed, and turns the
 * child's line protocol into awaitable calls.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoRoot } from '../scripts/stack/stack-config.ts';
import type { TracingSettings } from '../services/platform/telemetry/tracing-settings.ts';
import type { ProducerRun } from './producer-throughput.ts';
import { tsNodeArgs } from '../scripts/ts-runtime/node-args.ts';
import { parseChildLine } from './child-protocol.ts';

/**
 * V8 flags of every producer child. `--no-memory-reducer`: a child waits while every other
 * side takes its turn (eleven of twelve turns), which V8 reads as an idle process and answers
 * with memory-reducing full collections and a shrunken young generation; the next turn then
 * paid for regrowing it. A producer at peak load is never idle. With the reducer on, untraced
 * children read 24-65 us of CPU per event across the repeats of one run, against 23-29 for R in
 * the bench's own process; with it off, their medians read 32-34 in two runs (one at 52), though
 * a single repeat still reaches twice that now and then.
 */
export const childV8Flags = ['--no-memory-reducer'];

/** What the child is told: the parent's topics and sizes, and the variant's OTEL_* variables. */
export interface ProducerChildOptions {
  /** Short name for messages. */
  name: string;
  prefix: string;
  lines: number;
  events: number;
  batch: number;
  partitions: number;
  inFlight: number;
  otel: Record<string, string>;
  /** Makes the child a raw producer of pre-encoded events sending to this topic: R (kafkajs), or Rc with KAFKA_CLIENT=confluent in `otel`. */
  rawTopic?: string;
}

/** A running producer child. */
export interface ProducerChild {
  /** Tracing as the child's startTracing decided it. */
  tracing: TracingSettings;
  warm(events: number): Promise<void>;
  /** Sends events `from` to `to - 1` (one turn of a repeat) and returns the child's figures for them. */
  run(from: number, to: number): Promise<ProducerRun>;
  /** Closes the producer, shuts tracing down (flushing spans) and returns how many events were sent in all. */
  exit(): Promise<{ published: number }>;
  kill(): void;
}

/** Starts a child and waits until its producer is connected. */
export async function startProducerChild(o: ProducerChildOptions): Promise<ProducerChild> {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')));
  Object.assign(env, o.otel, {
    BENCH_CHILD_PREFIX: o.prefix,
    BENCH_CHILD_LINES: String(o.lines),
    BENCH_EVENTS: String(o.events),
    BENCH_BATCH: String(o.batch),
    BENCH_PARTITIONS: String(o.partitions),
    BENCH_IN_FLIGHT: String(o.inFlight),
  });
  if (o.rawTopic) env.BENCH_CHILD_RAW = o.rawTopic;
  else delete env.BENCH_CHILD_RAW;
  const profile = process.env.BENCH_CHILD_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CHILD_CPU_PROF] : [];
  const child: ChildProcess = spawn(process.execPath, [...childV8Flags, ...profile, ...tsNodeArgs, 'bench/producer-child.ts'], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<{ resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }> = [];
  let failed: Error | undefined;
  const fail = (e: Error) => {
    failed = e;
    for (const w of waiting.splice(0)) w.reject(e);
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const msg = parseChildLine(line);
    if (!msg) return;
    if (msg.error) fail(new Error(`producer child ${o.name}: ${String(msg.error)}`));
    else waiting.shift()?.resolve(msg);
  });
  child.on('exit', (code) => fail(new Error(`producer child ${o.name} exited (${code})`)));
  const next = () => (failed ? Promise.reject(failed) : new Promise<Record<string, unknown>>((resolve, reject) => waiting.push({ resolve, reject })));
  const ask = (cmd: string) => {
    const reply = next();
    child.stdin!.write(`${cmd}\n`);
    return reply;
  };
  const ready = await next();
  return {
    tracing: ready.tracing as TracingSettings,
    warm: async (n) => void (await ask(`warm ${n}`)),
    run: async (from, to) => (await ask(`run ${from} ${to}`)).run as ProducerRun,
    exit: async () => {
      const published = (await ask('exit')).published as number;
      // Let it finish exiting (a CPU profile is written at exit) before anything kills it.
      if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
      return { published };
    },
    kill: () => void child.kill(),
  };
}
