/**
 * `npm run soak`: a bounded soak through the real adapter and consumer processes on the local
 * stack: SOAK_MINUTES (10) of signed WMS webhooks at SOAK_RATE per second (50), sampling every
 * SOAK_SAMPLE_SECONDS (10) the acknowledged and delivered throughput, the consumer group's lag
 * and each process's resident memory. Ends with the reconciliation of every acknowledged event
 * against the ERP, and judges memory flat when the last third's median RSS is within
 * SOAK_MAX_GROWTH (20%) of the middle third's. Exit code 1 when anything was lost, duplicated,
 * out of order, or memory grew. Flags: --minutes 2 --rate 100.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { consumerLag } from '../services/platform/kafka/consumer-lag.ts';
import { KafkajsClientFactory } from '../services/platform/kafka/kafkajs-client.ts';
import { TopicCatalog } from '../services/platform/kafka/topic-catalog.ts';
import { LocalStack } from '../scripts/stack/local-stack.ts';
import { FaultRig } from '../test/faults/support/fault-rig.ts';
import { testLogger } from '../test/support/test-env.ts';

const flag = (name: string, env: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? process.argv[i + 1] : (process.env[env] ?? fallback));
};
const minutes = flag('minutes', 'SOAK_MINUTES', 10);
const rate = flag('rate', 'SOAK_RATE', 50);
const sampleSeconds = flag('sample-seconds', 'SOAK_SAMPLE_SECONDS', 10);
const maxGrowth = flag('max-growth', 'SOAK_MAX_GROWTH', 0.2);
const say = (s: string) => process.stderr.write(`[soak] ${s}\n`);

/** Resident set size of a process in MiB, from /proc. */
function rssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Sample { t: number; acked: number; delivered: number; lag: number; adapterMiB: number; consumerMiB: number }

async function main(): Promise<number> {
  const stack = new LocalStack();
  await stack.start();
  process.env.KAFKA_BROKERS = stack.endpoints.kafkaBrokers;
  process.env.SCHEMA_REGISTRY_URL = stack.endpoints.schemaRegistryUrl;
  process.env.STATE_STORE_URL = stack.endpoints.stateStoreUrl;
  const rig = await FaultRig.start();
  const admin = new KafkajsClientFactory({ brokers: rig.cfg.kafka.brokers, clientId: 'soak', logger: testLogger }).admin();
  await admin.connect();
  const lifecycle = TopicCatalog.load(rig.cfg.topicPrefix).lifecycle.name;
  const perShipment = 5;
  const load = rig.load({ shipments: Math.ceil((minutes * 60 * rate) / perShipment), perShipment, rate });
  say(`${load.deliveries.length} webhooks over ${minutes} min at ${rate}/s; sampling every ${sampleSeconds} s`);
  const samples: Sample[] = [];
  const t0 = Date.now();
  let done = false;
  const sending = load.run().finally(() => (done = true));
  console.log('   t(s)  acked/s  delivered/s    lag  adapter MiB  consumer MiB');
  while (!done) {
    await sleep(sampleSeconds * 1000);
    const lag = (await consumerLag(admin, [rig.group], lifecycle).catch(() => [])).reduce((n, p) => n + p.lag, 0);
    const s: Sample = { t: (Date.now() - t0) / 1000, acked: load.figures().acknowledged, delivered: rig.erp.postings.size, lag, adapterMiB: rssMiB(rig.adapter.pid), consumerMiB: rssMiB(rig.consumers[0]!.pid) };
    const prev = samples.at(-1) ?? { t: 0, acked: 0, delivered: 0 };
    samples.push(s);
    const dt = s.t - prev.t;
    console.log(`${s.t.toFixed(0).padStart(7)}  ${((s.acked - prev.acked) / dt).toFixed(1).padStart(7)}  ${((s.delivered - prev.delivered) / dt).toFixed(1).padStart(11)}  ${String(s.lag).padStart(5)}  ${s.adapterMiB.toFixed(0).padStart(11)}  ${s.consumerMiB.toFixed(0).padStart(12)}`);
  }
  await sending;
  const result = await rig.settle('soak', load, 300_000);
  await admin.disconnect();
  await rig.stop();
  const third = Math.max(1, Math.floor(samples.length / 3));
  const growth = (key: 'adapterMiB' | 'consumerMiB') => median(samples.slice(-third).map((s) => s[key])) / median(samples.slice(third, 2 * third).map((s) => s[key])) - 1;
  const elapsed = (Date.now() - t0) / 1000;
  say(`throughput: ${(result.delivered / elapsed).toFixed(1)} events/s delivered over ${elapsed.toFixed(0)} s; max lag ${Math.max(...samples.map((s) => s.lag))}`);
  say(`memory growth, last third vs middle third (median RSS): adapter ${(growth('adapterMiB') * 100).toFixed(1)}%, consumer ${(growth('consumerMiB') * 100).toFixed(1)}%`);
  const ok = result.lost === 0 && result.duplicates === 0 && result.outOfOrder === 0 && result.gaveUp === 0 && growth('adapterMiB') <= maxGrowth && growth('consumerMiB') <= maxGrowth;
  say(ok ? 'PASS: nothing lost, memory flat' : 'FAIL: see the figures above');
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (err: unknown) => { say(String(err)); process.exit(1); });
