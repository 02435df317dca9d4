/**
 * Adapter ingest: signed Standard Webhooks pick confirmations per second through one WMS
 * adapter process (delivery ledger in PostgreSQL, raw archive + canonical event at acks=all),
 * driven by autocannon. Every request gets a unique vendor eventId and a fresh signature,
 * so none is answered as a duplicate.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { WebhookSignatureVerifier } from '../services/platform/http/webhook-signature.ts';
import { pickConfirmationBody } from '../test/support/fixtures.ts';
import { testWebhookSecret } from '../test/support/wms-client.ts';
import type { BenchEnv } from './bench-env.ts';
import { procSample } from './java-tools.ts';
import { tsNodeArgs } from '../scripts/ts-runtime/node-args.ts';

/** One load run's figures. */
export interface IngestRun {
  acceptedPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Adapter process CPU per accepted webhook, microseconds. */
  cpuMicrosPerRequest: number;
  adapterPeakRssBytes: number;
}

/** A running adapter process. */
export interface AdapterProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts bench/adapter-server.ts as a child process on the bench topics. */
export async function startAdapterProcess(env: BenchEnv): Promise<AdapterProcess> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'adapter-server.ts');
  const child = spawn(process.execPath, [...tsNodeArgs, script], {
    env: { ...process.env, LEB_TOPIC_PREFIX: env.prefix, BENCH_SOURCE_SYSTEM: `wms-bench-${randomUUID().slice(0, 8)}`, KAFKA_BROKERS: env.config.kafka.brokers.join(',') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (c) => reject(new Error(`adapter process exited with ${c}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Drives the adapter for `seconds` with `connections` concurrent connections. */
export async function runIngest(adapter: AdapterProcess, seconds: number, connections: number): Promise<IngestRun> {
  const signer = new WebhookSignatureVerifier(testWebhookSecret);
  const before = procSample(adapter.child.pid!);
  const result = await autocannon({
    url: `${adapter.url}/webhooks/wms/v1`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const body = pickConfirmationBody();
          const raw = JSON.stringify(body);
          const signed = signer.sign(`msg_${body.eventId as string}`, new Date(), raw);
          return { ...req, body: raw, headers: { ...req.headers, 'content-type': 'application/json', ...signed } };
        },
      },
    ],
  });
  const after = procSample(adapter.child.pid!);
  const accepted = result['2xx'];
  return {
    acceptedPerSec: accepted / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuMicrosPerRequest: before && after && accepted ? (after.cpuMicros - before.cpuMicros) / accepted : NaN,
    adapterPeakRssBytes: after?.hwm ?? NaN,
  };
}
