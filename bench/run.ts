/**
 * `npm run bench`: producer, consumer/replay, end-to-end latency, adapter ingest and codec
 * benchmarks side by side in one run against the local stack (started when not running), each
 * case a few times after a warm-up. Prints a table (median and min–max) with the goals, and
 * writes the figures to bench-results/<timestamp>.json.
 *
 * Sizes: BENCH_EVENTS (20000), BENCH_REPEATS (5), BENCH_PRODUCER_CHUNK (2000),
 * BENCH_BATCH (100), BENCH_IN_FLIGHT (4), BENCH_E2E_SECONDS (10), BENCH_E2E_RATE (1000),
 * BENCH_E2E_MIN_BYTES (16384), BENCH_E2E_MAX_WAIT_MS (5), BENCH_INGEST_SECONDS (5),
 * BENCH_INGEST_CONNECTIONS (16), BENCH_CODEC_ITERATIONS (100000), BENCH_CODEC_VARIANTS (256),
 * BENCH_CASES (producer,consumer,e2e,ingest,codec); or the same as flags: --events 5000 --cases codec.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../scripts/stack/stack-config.ts';
import { runIngest, startAdapterProcess, type IngestRun } from './adapter-ingest.ts';
import { benchSettingsFromEnv, openBenchEnv } from './bench-env.ts';
import { fmt, fmtSpread, spreadOf, type Spread } from './bench-stats.ts';
import { runCodecChild } from './codec-throughput.ts';
import { parseEndToEndLatency, runKafkaTool } from './java-tools.ts';
import { fillTopic, runBackboneConsumer, runEventConsumer, runJavaConsumer, runRawConsumer, type ConsumerRun } from './consumer-throughput.ts';
import { runBackboneLatency, runRawLatency, type LatencyRun } from './e2e-latency.ts';
import { runProducerCase } from './producer-case.ts';
import { preEncode } from './producer-throughput.ts';
import { mb, pct, say, series, type BenchReport } from './bench-report.ts';
import { benchEvents, linesForSize } from './sample-events.ts';
import { openConfluentBench } from './confluent-cases.ts';

/** Maps `--name value` / `--name=value` flags onto BENCH_NAME variables. */
function envWithFlags(argv: string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`flag --${name} needs a value`);
    out[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`] = value;
  }
  return out;
}

async function main(): Promise<void> {
  const settings = benchSettingsFromEnv(envWithFlags(process.argv.slice(2), process.env));
  const started = new Date();
  const env = await openBenchEnv(settings);
  const N = settings.events;
  const reps = settings.repeats;
  const report: BenchReport = { rows: [], goals: [], notes: [], json: {} };
  const { rows, goals, notes, json } = report;
  /** Runs after every case (see the confluent consumer rows). */
  const afterAll: Array<() => Promise<void>> = [];
  Object.assign(json, { startedAt: started.toISOString(), host: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, totalMemMb: Math.round(os.totalmem() / 1048576) }, settings: { ...settings, cases: [...settings.cases] }, topicPrefix: env.prefix });
  say(`topics under ${env.prefix}; events=${N} consumerEvents=${settings.consumerEvents} repeats=${reps} batch=${settings.batch} inFlight=${settings.inFlight}`);

  const size = await linesForSize(env.platform.codec, 500);
  const events = benchEvents(N, size.lines);
  const records = await preEncode(env, events);
  const valueBytes = records.reduce((n, r) => n + r.value.length, 0) / records.length;
  json.eventBytes = valueBytes;
  say(`PickCompleted with ${size.lines} lines: ${fmt(valueBytes, 1)} bytes framed Avro`);
  let producerMax: number | undefined;
  // The confluent client behind the same port, when built (npm run client:confluent).
  const confluent = await openConfluentBench(env);
  if ('missing' in confluent) notes.push(`Confluent rows (Rc, Bc) skipped: ${confluent.missing}.`);
  const ck = 'missing' in confluent ? undefined : confluent;

  try {
    if (settings.cases.has('producer')) producerMax = await runProducerCase({ env, events, records, lines: size.lines, confluent: ck }, report);

    if (settings.cases.has('consumer')) {
      // Source: a topic of exactly NC framed Avro events over 6 partitions. Exactly NC, because a
      // client that prefetches (librdkafka fetches ahead up to queued.max.messages.kbytes, 64 MiB)
      // would otherwise be charged for records beyond the NC it is timed on.
      const NC = settings.consumerEvents;
      const consumerRecords = NC === N ? records : await preEncode(env, benchEvents(NC, size.lines));
      const source = await env.createTopic('consumer-source', settings.partitions);
      await fillTopic(env, source, consumerRecords);
      const oneP = await env.createTopic('replay-1p', 1);
      await fillTopic(env, oneP, consumerRecords);
      const warm = Math.max(1000, Math.floor(NC / 4));
      say(`consumer: warm-up (${warm} each)`);
      await runJavaConsumer(env, source, warm);
      await runRawConsumer(env, source, warm);
      await runBackboneConsumer(env, source, warm);
      await runEventConsumer(env, oneP, warm);
      const J: ConsumerRun[] = [];
      const R: ConsumerRun[] = [];
      const B: ConsumerRun[] = [];
      const B1: ConsumerRun[] = [];
      const R1: ConsumerRun[] = [];
      const E1: ConsumerRun[] = [];
      for (let i = 0; i < reps; i++) {
        say(`consumer: run ${i + 1}/${reps}`);
        J.push(await runJavaConsumer(env, source, NC));
        R.push(await runRawConsumer(env, source, NC));
        B.push(await runBackboneConsumer(env, source, NC));
        R1.push(await runRawConsumer(env, oneP, NC));
        B1.push(await runBackboneConsumer(env, oneP, NC));
        E1.push(await runEventConsumer(env, oneP, NC));
      }
      const sum = (runs: ConsumerRun[]) => ({ eps: series(runs, (x) => x.eventsPerSec), mbs: series(runs, (x) => x.mbPerSec), cpu: series(runs, (x) => x.cpuMicrosPerEvent), rss: Math.max(...runs.map((x) => x.peakRssBytes)) });
      const [j, r, b, r1, b1, e1] = [J, R, B, R1, B1, E1].map(sum) as [any, any, any, any, any, any];
      const labels = [
        'J ConsumerPerformance (fetch.* figures)',
        'R raw kafkajs eachBatch, commit/batch',
        'B ConsumerPort + codec.decode, commit/batch',
        'R one partition (replay)',
        'B one partition (replay)',
        'B EventConsumer, one partition (no-op handler)',
      ];
      [j, r, b, r1, b1, e1].forEach((x, k) =>
        rows.push({ section: 'Consumer', variant: labels[k]!, figure: `${fmtSpread(x.eps)} ev/s, ${fmt(x.mbs.median, 2)} MB/s`, cpu: fmtSpread(x.cpu, 1), memory: `${fmt(mb(x.rss))} MB${k === 0 ? ' (JVM)' : ' (node, process peak)'}` }),
      );
      const br = b.eps.median / r.eps.median;
      const pairedBr = spreadOf(B.map((x, k) => x.eventsPerSec / R[k]!.eventsPerSec));
      goals.push({ goal: 'Consumer B ≥ 80% of R', measured: `B/R per repeat ${fmtSpread(pct(pairedBr), 1)}%; of medians ${fmt(br * 100, 1)}%`, met: pairedBr.median >= 0.8 });
      goals.push({ goal: 'Replay (B, one partition) ≥ 50,000 ev/s', measured: `${fmt(b1.eps.median)} ev/s`, met: b1.eps.median >= 50_000 });
      goals.push({ goal: 'Consumer R/J (reported)', measured: `R/J = ${fmt((r.eps.median / j.eps.median) * 100, 1)}%`, met: undefined });
      goals.push({ goal: 'Replay through EventConsumer (reported)', measured: `${fmt(e1.eps.median)} ev/s, ${fmt((e1.eps.median / r1.eps.median) * 100, 1)}% of R one partition`, met: undefined });
      json.consumer = { source, J, R, B, R1, B1, E1, summary: { J: j, R: r, B: b, R1: r1, B1: b1, E1: e1, bOverR: br, bOverRPerRepeat: pairedBr } };
      if (ck) {
        // Last, after every other case: a closed librdkafka consumer leaves this process slower
        // (the codec case ran at a fifth of its rate after it), so nothing is measured after them.
        afterAll.push(async () => {
          say(`consumer (confluent): warm-up (${warm} each), then ${reps} runs`);
          await runBackboneConsumer(env, source, warm, { kafka: ck.factory, decode: false });
          await runBackboneConsumer(env, source, warm, { kafka: ck.factory });
          const RC: ConsumerRun[] = [];
          const BC: ConsumerRun[] = [];
          const BC1: ConsumerRun[] = [];
          for (let i = 0; i < reps; i++) {
            RC.push(await runBackboneConsumer(env, source, NC, { kafka: ck.factory, decode: false }));
            BC.push(await runBackboneConsumer(env, source, NC, { kafka: ck.factory }));
            BC1.push(await runBackboneConsumer(env, oneP, NC, { kafka: ck.factory }));
          }
          const [rc, bc, bc1] = [RC, BC, BC1].map(sum) as [any, any, any];
          const cLabels = ['Rc ConsumerPort over confluent, no decode, commit/batch', 'Bc ConsumerPort over confluent + codec.decode, commit/batch', 'Bc one partition (replay)'];
          [rc, bc, bc1].forEach((x, k) =>
            rows.push({ section: 'Consumer (confluent, run last)', variant: cLabels[k]!, figure: `${fmtSpread(x.eps)} ev/s, ${fmt(x.mbs.median, 2)} MB/s`, cpu: fmtSpread(x.cpu, 1), memory: `${fmt(mb(x.rss))} MB (node, process peak)` }),
          );
          const per = (runs: ConsumerRun[], base: ConsumerRun[]) => pct(spreadOf(runs.map((x, k) => x.eventsPerSec / base[k]!.eventsPerSec)));
          goals.push({ goal: 'Consumer over confluent (reported): Rc/R (R of the same repeat number), Bc/Rc per repeat', measured: `Rc/R ${fmtSpread(per(RC, R), 1)}%; Bc/Rc ${fmtSpread(per(BC, RC), 1)}%; Bc one partition ${fmt(bc1.eps.median)} ev/s`, met: undefined });
          json.consumerConfluent = { RC, BC, BC1, summary: { RC: rc, BC: bc, BC1: bc1 } };
        });
      }
    }

    if (settings.cases.has('e2e')) {
      const rates = [settings.e2eRate];
      if (producerMax) rates.push(Math.max(100, Math.round(producerMax / 2)));
      else notes.push('e2e: the producer case did not run, so only the fixed rate was measured (no "half of max").');
      const out: Array<{ rate: number; R: LatencyRun; B: LatencyRun; R0: LatencyRun }> = [];
      for (const rate of rates) {
        say(`e2e: ${rate} ev/s for ${settings.e2eSeconds} s, R then B`);
        const R = await runRawLatency(env, records, rate, settings.e2eSeconds);
        const B = await runBackboneLatency(env, events, rate, settings.e2eSeconds);
        const R0 = await runRawLatency(env, records, rate, settings.e2eSeconds, 'await');
        out.push({ rate, R, B, R0 });
        for (const [name, x] of [['R raw kafkajs, background commit/batch', R], ['B EventProducer → ConsumerPort+decode', B], ['R raw kafkajs, awaited commit/batch (diag.)', R0]] as const) {
          rows.push({ section: `E2E @${fmt(rate)} ev/s`, variant: name, figure: `p50 ${fmt(x.p50, 1)} / p99 ${fmt(x.p99, 1)} / p99.9 ${fmt(x.p999, 1)} ms (max ${fmt(x.max, 1)}; producer ack p50/p99 ${fmt(x.ackP50, 1)}/${fmt(x.ackP99, 1)} ms; ${x.received}/${x.sent} received)` });
        }
      }
      // J: Kafka's EndToEndLatency, closed loop (send one, wait until consumed), as the broker's floor.
      const jTopic = await env.createTopic('e2e-java', 1);
      const jRun = await runKafkaTool(env.kafkaLibs, 'org.apache.kafka.tools.EndToEndLatency', [env.config.kafka.brokers.join(','), jTopic, '2000', 'all', '500']);
      const j = parseEndToEndLatency(jRun.stdout);
      rows.push({ section: 'E2E closed loop', variant: 'J EndToEndLatency (one at a time, 2000)', figure: `p50 ${fmt(j.p50, 1)} / p99 ${fmt(j.p99, 1)} / p99.9 ${fmt(j.p999, 1)} ms (avg ${fmt(j.avg, 2)})` });
      json.e2eJava = j;
      const first = out[0]!;
      goals.push({ goal: `E2E p99 ≤ 20 ms at ${fmt(first.rate)} ev/s (R and B)`, measured: `R ${fmt(first.R.p99, 1)} ms, B ${fmt(first.B.p99, 1)} ms`, met: first.R.p99 <= 20 && first.B.p99 <= 20 });
      goals.push({ goal: `E2E B p99 ≤ 1.5× R p99 at ${fmt(first.rate)} ev/s`, measured: `B/R = ${fmt(first.B.p99 / first.R.p99, 2)}×`, met: first.B.p99 <= 1.5 * first.R.p99 });
      if (out[1]) goals.push({ goal: `E2E B p99 ≤ 1.5× R p99 at ${fmt(out[1].rate)} ev/s (half max)`, measured: `B/R = ${fmt(out[1].B.p99 / out[1].R.p99, 2)}×`, met: out[1].B.p99 <= 1.5 * out[1].R.p99 });
      json.e2e = out;
    }

    if (settings.cases.has('ingest')) {
      const adapter = await startAdapterProcess(env);
      try {
        say(`ingest: warm-up 2 s, then ${reps} × ${settings.ingestSeconds} s with ${settings.ingestConnections} connections`);
        await runIngest(adapter, 2, settings.ingestConnections);
        const runs: IngestRun[] = [];
        for (let i = 0; i < reps; i++) runs.push(await runIngest(adapter, settings.ingestSeconds, settings.ingestConnections));
        const rate = series(runs, (x) => x.acceptedPerSec);
        const p99 = series(runs, (x) => x.p99Ms);
        const bad = runs.reduce((n, x) => n + x.non2xx + x.errors, 0);
        rows.push({
          section: 'Adapter ingest',
          variant: `WMS adapter, ${settings.ingestConnections} connections`,
          figure: `${fmtSpread(rate)} webhooks/s, p50 ${fmt(series(runs, (x) => x.p50Ms).median)} ms, p99 ${fmtSpread(p99)} ms, non-2xx/errors ${bad}`,
          cpu: `${fmtSpread(series(runs, (x) => x.cpuMicrosPerRequest))} /webhook`,
          memory: `${fmt(mb(Math.max(...runs.map((x) => x.adapterPeakRssBytes))))} MB (adapter process)`,
        });
        json.ingest = runs;
      } finally {
        await adapter.stop();
      }
    }

    if (settings.cases.has('codec')) {
      say('codec: in a child process of its own');
      const all = await runCodecChild(settings);
      for (const [eventType, runs] of Object.entries(all)) {
        const enc = series(runs, (x) => x.avroEncodePerSec / x.jsonEncodePerSec);
        const dec = series(runs, (x) => x.avroDecodePerSec / x.jsonDecodePerSec);
        const first = runs[0]!;
        rows.push({
          section: 'Codec',
          variant: `${eventType} (Avro ${fmt(first.avroBytes)} B, JSON ${fmt(first.jsonBytes)} B)`,
          figure: `encode ${fmt(series(runs, (x) => x.avroEncodePerSec).median)}/s vs JSON ${fmt(series(runs, (x) => x.jsonEncodePerSec).median)}/s = ${fmtSpread(enc, 2)}×; decode ${fmt(series(runs, (x) => x.avroDecodePerSec).median)}/s vs JSON ${fmt(series(runs, (x) => x.jsonDecodePerSec).median)}/s = ${fmtSpread(dec, 2)}×`,
        });
        goals.push({ goal: `Codec ${eventType} encode ≥ 2× JSON`, measured: `${fmt(enc.median, 2)}×`, met: enc.median >= 2 });
        goals.push({ goal: `Codec ${eventType} decode ≥ 3× JSON`, measured: `${fmt(dec.median, 2)}×`, met: dec.median >= 3 });
      }
      json.codec = all;
      notes.push('Codec: Avro and JSON in alternating blocks of 500 operations, in a child process of its own (bench/codec-child.ts), away from what the Kafka cases leave in this one.');
    }
    for (const run of afterAll) await run();
  } finally {
    await ck?.close();
    await env.close();
  }

  notes.push('E2E R and B commit each batch in the background (BackgroundCommitter); the "awaited commit/batch" row shows what waiting for each commit before the next batch costs.');
  notes.push('Node CPU µs/event: process.cpuUsage() of this process over the timed window; node memory is this process\'s peak RSS so far (maxRSS), not per case. JVM CPU/memory: /proc/<pid>/stat and VmHWM sampled every 50 ms (the last ≤50 ms before exit are missed; includes JVM start-up).');
  const node = process.resourceUsage();
  json.nodePeakRssMb = node.maxRSS / 1024;
  json.rows = rows;
  json.goals = goals;
  json.notes = notes;
  json.finishedAt = new Date().toISOString();

  const w = [18, 46, 0];
  const lines: string[] = [];
  lines.push(`Benchmarks ${started.toISOString()} — ${os.cpus().length} CPUs, Node ${process.version}, ${N} events per producer run, ${settings.consumerEvents} per consumer run, × ${reps} repeats, ~${fmt(valueBytes)}-byte Avro events`);
  lines.push('');
  lines.push(`${'case'.padEnd(w[0]!)} ${'variant'.padEnd(w[1]!)} median (min–max)  |  CPU µs/event  |  peak memory`);
  for (const r of rows) lines.push(`${r.section.padEnd(w[0]!)} ${r.variant.padEnd(w[1]!)} ${r.figure}${r.cpu ? `  |  ${r.cpu}` : ''}${r.memory ? `  |  ${r.memory}` : ''}`);
  lines.push('');
  lines.push('Goals:');
  for (const g of goals) lines.push(`  ${g.met === undefined ? '  —   ' : g.met ? '  met ' : 'NOT met'} ${g.goal}: ${g.measured}`);
  lines.push('');
  for (const n of notes) lines.push(`Note: ${n}`);
  console.log(lines.join('\n'));

  const dir = path.join(repoRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(json, null, 2));
  say(`wrote ${path.relative(repoRoot, file)}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
