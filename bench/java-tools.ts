/**
 * Runs Kafka's own Java performance tools (org.apache.kafka.tools.ProducerPerformance and
 * ConsumerPerformance, from kafka-tools in the stack's jars) and samples the JVM's CPU time
 * (/proc/<pid>/stat utime+stime) and peak RSS (/proc/<pid>/status VmHWM) while it runs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { javaBinary } from '../scripts/stack/prerequisites.ts';

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** What a JVM run printed and consumed. */
export interface JvmRun {
  stdout: string;
  /** CPU time of the JVM (user + system), microseconds, from the last /proc sample before exit (sampled every 50 ms). */
  cpuMicros: number;
  /** Peak resident set size of the JVM, bytes. */
  peakRssBytes: number;
  wallMs: number;
}

/** CPU time (µs) and peak RSS (bytes) of a live process, from /proc; undefined once it is gone. */
export function procSample(pid: number): { cpuMicros: number; hwm: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    return { cpuMicros: (ticks / clockTicks) * 1e6, hwm };
  } catch {
    return undefined;
  }
}

/** Runs a main class from the Kafka jars and waits for it to exit (fails with its output on a non-zero exit). */
export async function runKafkaTool(libs: string, mainClass: string, args: string[], timeoutMs = 120_000): Promise<JvmRun> {
  const started = Date.now();
  const child = spawn(javaBinary(), ['-Xmx512m', '-cp', `${path.join(libs, '*')}`, mainClass, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let last = { cpuMicros: 0, hwm: 0 };
  const timer = setInterval(() => {
    const s = child.pid ? procSample(child.pid) : undefined;
    if (s) last = { cpuMicros: s.cpuMicros, hwm: Math.max(last.hwm, s.hwm) };
  }, 50);
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearInterval(timer);
  clearTimeout(killer);
  if (code !== 0) throw new Error(`${mainClass} exited with ${code}:\n${stdout}\n${stderr.slice(-2000)}`);
  return { stdout, cpuMicros: last.cpuMicros, peakRssBytes: last.hwm, wallMs: Date.now() - started };
}

/** ProducerPerformance's summary line: "N records sent, X records/sec (Y MB/sec), ..." */
export function parseProducerPerformance(out: string): { records: number; recordsPerSec: number; mbPerSec: number; avgLatencyMs: number; p99Ms: number } {
  const line = out.split('\n').reverse().find((l) => /records sent, .* records\/sec/.test(l) && /50th/.test(l));
  const m = line && /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency.*?(\d+(?:\.\d+)?) ms 99th/.exec(line);
  if (!m) throw new Error(`no ProducerPerformance summary line in:\n${out}`);
  return { records: Number(m[1]), recordsPerSec: Number(m[2]), mbPerSec: Number(m[3]), avgLatencyMs: Number(m[4]), p99Ms: Number(m[5]) };
}

/**
 * ConsumerPerformance's result row (start.time, end.time, data.consumed.in.MB, MB.sec,
 * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec).
 * The fetch.* figures exclude the group join, like R and B, which time from the assignment.
 */
export function parseConsumerPerformance(out: string): { messages: number; fetchMs: number; fetchMsgPerSec: number; fetchMbPerSec: number } {
  const lines = out.split('\n').map((l) => l.trim()).filter(Boolean);
  const hi = lines.findIndex((l) => l.startsWith('start.time'));
  const header = hi >= 0 ? lines[hi]!.split(',').map((s) => s.trim()) : [];
  const row = hi >= 0 ? lines[hi + 1]?.split(',').map((s) => s.trim()) : undefined;
  if (!row) throw new Error(`no ConsumerPerformance result row in:\n${out}`);
  const col = (name: string) => Number(row[header.indexOf(name)]);
  return { messages: col('data.consumed.in.nMsg'), fetchMs: col('fetch.time.ms'), fetchMsgPerSec: col('fetch.nMsg.sec'), fetchMbPerSec: col('fetch.MB.sec') };
}

/** EndToEndLatency's "Percentiles: 50th = a, 99th = b, 99.9th = c" line (closed loop, one record at a time). */
export function parseEndToEndLatency(out: string): { p50: number; p99: number; p999: number; avg: number } {
  const p = /Percentiles: 50th = ([\d.]+), 99th = ([\d.]+), 99\.9th = ([\d.]+)/.exec(out);
  const a = /Avg latency: ([\d.]+) ms/.exec(out);
  if (!p) throw new Error(`no EndToEndLatency percentiles in:\n${out}`);
  return { p50: Number(p[1]), p99: Number(p[2]), p999: Number(p[3]), avg: Number(a?.[1] ?? NaN) };
}
