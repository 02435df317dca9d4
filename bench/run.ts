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
import { startOtlpReceiver } from './otlp-receiver.ts';
import { startProducerChild, type ProducerChild } from './producer-child-process.ts';
import { combineRuns, preEncode, runBackboneProducer, runJavaProducer, runRawProducer, type ProducerRun } from './producer-throughput.ts';
import { producerTracingVariants } from './producer-tracing-variants.ts';
import { benchEvents, linesForSize } from './sample-events.ts';
import { openConfluentBench, runPortProducer } from './confluent-cases.ts';

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

const say = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const mb = (bytes: number) => bytes / 1024 / 1024;

/** One printed row. */
interface Row {
  section: string;
  variant: string;
  figure: string;
  cpu?: string;
  memory?: string;
}

/** One goal and whether the measured figures meet it. */
interface Goal {
  goal: string;
  measured: string;
  met: boolean | undefined;
}

function series<T>(runs: T[], pick: (r: T) => number): Spread {
  return spreadOf(runs.map(pick));
}

/** A spread of ratios as percentages. */
function pct(s: Spread): Spread {
  return spreadOf(s.runs.map((x) => x * 100));
}

async function main(): Promise<void> {
  const settings = benchSettingsFromEnv(envWithFlags(process.argv.slice(2), process.env));
  const started = new Date();
  const env = await openBenchEnv(settings);
  const N = settings.events;
  const reps = settings.repeats;
  const rows: Row[] = [];
  const goals: Goal[] = [];
  const notes: string[] = [];
  /** Runs after every case (see the confluent consumer rows). */
  const afterAll: Array<() => Promise<void>> = [];
  const json: Record<string, unknown> = { startedAt: started.toISOString(), host: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, totalMemMb: Math.round(os.totalmem() / 1048576) }, settings: { ...settings, cases: [...settings.cases] }, topicPrefix: env.prefix };
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
    if (settings.cases.has('producer')) {
      const jTopic = await env.createTopic('producer-java', settings.partitions);
      const rTopic = await env.createTopic('producer-raw', settings.partitions);
      const rChildTopic = await env.createTopic('producer-raw-child', settings.partitions);
      const raw = env.rawKafka.producer({ idempotent: true, maxInFlightRequests: 5 });
      await raw.connect();
      const typed = await env.platform.eventProducer();
      const warm = Math.max(1000, Math.floor(N / 4));
      // B with tracing runs in child processes (the SDK is process-global), exporting OTLP/HTTP
      // protobuf to a receiver in this process; B-off (no OTEL_* set) and B-disabled
      // (OTEL_SDK_DISABLED=true) are children too, so the two compare like with like.
      const receiver = await startOtlpReceiver();
      const variants = producerTracingVariants(receiver, { confluent: ck !== undefined });
      const children: ProducerChild[] = [];
      try {
        say(`producer: starting ${variants.length} child processes (${variants.map((v) => v.key).join(', ')})`);
        for (const v of variants) {
          const c = await startProducerChild({ name: v.key, prefix: env.prefix, lines: size.lines, events: N, batch: settings.batch, inFlight: settings.inFlight, otel: v.otel, rawTopic: v.raw ? rChildTopic : undefined });
          children.push(c);
          if (c.tracing.enabled !== v.tracing) throw new Error(`producer child ${v.key}: tracing ${c.tracing.enabled ? 'on' : 'off'} (${c.tracing.reason}), expected ${v.tracing ? 'on' : 'off'}`);
        }
        say(`producer: warm-up (${warm} each)`);
        await runJavaProducer(env, jTopic, warm);
        await runRawProducer(env, raw, rTopic, records.slice(0, warm));
        await runBackboneProducer(env, typed, events.slice(0, warm), valueBytes);
        for (const c of children) await c.warm(warm);
        const cTopic = ck ? await env.createTopic('producer-confluent', settings.partitions) : '';
        if (ck) {
          await runPortProducer(env, ck.port, cTopic, records.slice(0, warm));
          await runBackboneProducer(env, ck.producer, events.slice(0, warm), valueBytes);
        }
        const RC: ProducerRun[] = [];
        const BC: ProducerRun[] = [];
        const J: ProducerRun[] = [];
        const R: ProducerRun[] = [];
        const B: ProducerRun[] = [];
        const V: ProducerRun[][] = variants.map(() => []);
        // Every side but J, in its order within a turn: the list its repeats go to, and how it sends one chunk.
        const sides: Array<{ runs: ProducerRun[]; chunk: (from: number, to: number) => Promise<ProducerRun> }> = [
          { runs: R, chunk: (from, to) => runRawProducer(env, raw, rTopic, records.slice(from, to)) },
          { runs: B, chunk: (from, to) => runBackboneProducer(env, typed, events.slice(from, to), valueBytes) },
          ...children.map((c, k) => ({ runs: V[k]!, chunk: (from: number, to: number) => c.run(from, to) })),
          ...(ck
            ? [
                { runs: RC, chunk: (from: number, to: number) => runPortProducer(env, ck.port, cTopic, records.slice(from, to)) },
                { runs: BC, chunk: (from: number, to: number) => runBackboneProducer(env, ck.producer, events.slice(from, to), valueBytes) },
              ]
            : []),
        ];
        for (let i = 0; i < reps; i++) {
          say(`producer: run ${i + 1}/${reps}`);
          J.push(await runJavaProducer(env, jTopic, N));
          // R and the Bs take turns, one chunk each, so a load spike falls on all of them alike.
          const parts = sides.map((): ProducerRun[] => []);
          for (let from = 0; from < N; from += settings.producerChunk) {
            const to = Math.min(N, from + settings.producerChunk);
            for (let k = 0; k < sides.length; k++) parts[k]!.push(await sides[k]!.chunk(from, to));
          }
          sides.forEach((side, k) => side.runs.push(combineRuns(parts[k]!)));
        }
        await raw.disconnect();
        const exits: Array<{ published: number }> = [];
        for (const c of children) exits.push(await c.exit());
        const sum = (runs: ProducerRun[]) => ({ eps: series(runs, (x) => x.eventsPerSec), mbs: series(runs, (x) => x.mbPerSec), cpu: series(runs, (x) => x.cpuMicrosPerEvent), rss: Math.max(...runs.map((x) => x.peakRssBytes)) });
        const [j, r, b] = [J, R, B].map(sum) as [any, any, any];
        const v = V.map(sum);
        const labels = ['J ProducerPerformance (500-byte records)', 'R raw kafkajs, pre-encoded', 'B EventProducer, tracing off (not configured)'];
        [j, r, b].forEach((x, k) =>
          rows.push({ section: 'Producer', variant: labels[k]!, figure: `${fmtSpread(x.eps)} ev/s, ${fmt(x.mbs.median, 2)} MB/s`, cpu: fmtSpread(x.cpu, 1), memory: `${fmt(mb(x.rss))} MB${k === 0 ? ' (JVM)' : ' (node, process peak)'}` }),
        );
        variants.forEach((x, k) =>
          rows.push({ section: 'Producer', variant: x.label, figure: `${fmtSpread(v[k]!.eps)} ev/s, ${fmt(v[k]!.mbs.median, 2)} MB/s`, cpu: fmtSpread(v[k]!.cpu, 1), memory: `${fmt(mb(v[k]!.rss))} MB (child process peak)` }),
        );
        // R and every B of one repeat run back to back, so their ratio sees the same machine load.
        const perRepeat = (runs: ProducerRun[], base: ProducerRun[] = R) => spreadOf(runs.map((x, k) => x.eventsPerSec / base[k]!.eventsPerSec));
        const ratioText = (runs: ProducerRun[], base: ProducerRun[] = R, name = 'B/R') =>
          `${name} per repeat ${fmtSpread(pct(perRepeat(runs, base)), 1)}%; of medians ${fmt((sum(runs).eps.median / sum(base).eps.median) * 100, 1)}%`;
        producerMax = Math.min(r.eps.median, b.eps.median);
        const bOff = perRepeat(B);
        goals.push({ goal: 'Producer B, tracing off ≥ 85% of R', measured: ratioText(B), met: bOff.median >= 0.85 });
        const spans: Record<string, unknown> = {};
        const rChild = V[variants.findIndex((x) => x.raw)]!;
        variants.forEach((x, k) => {
          const base = x.base === 'Rc' ? RC : x.base === 'R-child' ? rChild : R;
          const ratio = perRepeat(V[k]!, base);
          if (x.goal !== undefined) goals.push({ goal: `Producer ${x.key} ≥ ${fmt(x.goal * 100)}% of ${x.base ?? 'R'}`, measured: ratioText(V[k]!, base, `${x.key.split('@')[0]}/${x.base ?? 'R'}`), met: ratio.median >= x.goal });
          if (!x.tracing) return;
          const got = receiver.received(x.key);
          const published = exits[k]!.published;
          const share = got.producerEvents / published;
          spans[x.key] = { ...got, published, tracedShareOfEvents: share, expected: x.sampleRatio };
          // The sampler decides once per produce request (EventProducer's batch send span, one per
          // ${settings.batch}-event chunk): 100% must cover about every event (less what the
          // BatchSpanProcessor's 2048-span queue dropped), 10% about a tenth, within 4 standard
          // deviations of that many yes/no decisions (at least ±3 points).
          const decisions = Math.max(1, published / settings.batch);
          const tolerance = Math.max(0.03, 4 * Math.sqrt((x.sampleRatio * (1 - x.sampleRatio)) / decisions));
          const ok = x.sampleRatio === 1 ? got.producerSpans > 0 : Math.abs(share - x.sampleRatio) <= tolerance;
          goals.push({
            goal: `${x.key}: producer spans really exported (${x.sampleRatio === 1 ? '> 0' : `≈ ${fmt(x.sampleRatio * 100)}% ± ${fmt(tolerance * 100, 1)} of events`})`,
            measured: `${fmt(got.producerSpans)} producer spans covering ${fmt(got.producerEvents)} events (${fmt(got.spans)} spans, ${fmt(got.requests)} OTLP requests, ${fmt(got.bytes / 1048576, 1)} MB) of ${fmt(published)} events sent (warm-up included) = ${fmt(share * 100, 1)}%${got.rejected ? `; ${got.rejected} bodies rejected` : ''}`,
            met: ok,
          });
        });
        // Every child against both Rs: the goals use R-child; the parent's R shows what being a child costs.
        goals.push({
          goal: 'Producer children (reported): each over R-child and over the parent\'s R, per-repeat median',
          measured: variants.map((x, k) => `${x.key} ${fmt(perRepeat(V[k]!, rChild).median * 100, 1)}% / ${fmt(perRepeat(V[k]!).median * 100, 1)}%`).join('; '),
          met: undefined,
        });
        // "Tracing off costs nothing": two children alike but for OTEL_SDK_DISABLED=true (with an
        // endpoint set) against no OTEL_* variable at all, per repeat, each as a share of the same
        // repeat's R-child. Both are children: a child and this process differ in more than tracing.
        const dk = variants.findIndex((x) => x.key === 'B-disabled');
        const off = variants.findIndex((x) => x.key === 'B-off');
        const diff = spreadOf(V[dk]!.map((x, k) => ((x.eventsPerSec - V[off]![k]!.eventsPerSec) / rChild[k]!.eventsPerSec) * 100));
        const cpuDiff = (v[dk]!.cpu.median / v[off]!.cpu.median - 1) * 100;
        // A cost is B-disabled slower: met when the per-repeat differences do not all lie below
        // zero or their median is above −5 points. B-disabled faster is noise, not a cost: it
        // cannot do less than B-off, so it does not fail the goal.
        const withinNoise = diff.max >= 0 || diff.median >= -5;
        goals.push({
          goal: 'Tracing off costs nothing measurable: B-disabled (OTEL_SDK_DISABLED=true) not slower than B-off (no OTEL_* set), both children, beyond noise',
          measured: `B/R difference per repeat ${fmtSpread(diff, 1)} points (B-disabled minus B-off); CPU µs/event ${fmt(v[dk]!.cpu.median, 1)} vs ${fmt(v[off]!.cpu.median, 1)} (${cpuDiff >= 0 ? '+' : ''}${fmt(cpuDiff, 1)}%)`,
          met: withinNoise,
        });
        goals.push({ goal: 'Producer R/J (reported)', measured: `R/J = ${fmt((r.eps.median / j.eps.median) * 100, 1)}%`, met: undefined });
        if (ck) {
          const [rc, bc] = [RC, BC].map(sum) as [any, any];
          const cLabels = ['Rc ProducerPort over @confluentinc/kafka-javascript, pre-encoded', 'Bc EventProducer over @confluentinc/kafka-javascript'];
          [rc, bc].forEach((x, k) =>
            rows.push({ section: 'Producer', variant: cLabels[k]!, figure: `${fmtSpread(x.eps)} ev/s, ${fmt(x.mbs.median, 2)} MB/s`, cpu: fmtSpread(x.cpu, 1), memory: `${fmt(mb(x.rss))} MB (node, process peak)` }),
          );
          const bcOverRc = spreadOf(BC.map((x, k) => x.eventsPerSec / RC[k]!.eventsPerSec));
          goals.push({ goal: 'Producer over confluent (reported): Rc/R, Bc/R, Bc/Rc per repeat', measured: `Rc/R ${fmtSpread(pct(perRepeat(RC)), 1)}%; Bc/R ${fmtSpread(pct(perRepeat(BC)), 1)}%; Bc/Rc ${fmtSpread(pct(bcOverRc), 1)}%`, met: undefined });
          json.producerConfluent = { RC, BC, summary: { RC: rc, BC: bc, bcOverRcPerRepeat: bcOverRc } };
        }
        notes.push(`Producer order in each repeat: J, then R, B (tracing off, this process), R-child, B-off, B-disabled, B@10%, B@100%, each in its own long-lived child process (warmed up like B)${ck ? ', Rc and Bc (confluent, this process)' : ''} taking turns, ${fmt(settings.producerChunk)} events each, until each has sent ${fmt(N)}; a side's rate is its events over the sum of its chunks' times. B/R pairs each B with the same repeat's R; the traced children's goals pair them with the same repeat's R-child.`);
        notes.push(`Traced producer children: startTracing as services run it (kafkajs instrumentation; EventProducer's ${settings.batch}-event publishes are one batch PRODUCER span each, the instrumentation bypassed for them; traceparent on every record), OTLP/HTTP protobuf to a throwaway receiver in the parent process (counts, discards, answers 200), SDK BatchSpanProcessor defaults unless OTEL_BSP_* is set.`);
        json.producer = {
          J,
          R,
          B,
          variants: Object.fromEntries(variants.map((x, k) => [x.key, { otel: x.otel, runs: V[k], summary: v[k], base: x.base ?? 'R', bOverBasePerRepeat: perRepeat(V[k]!, x.base === 'Rc' ? RC : R) }])),
          spans,
          tracingOffDiffPoints: diff,
          tracingOffCpuDiffPct: cpuDiff,
          summary: { J: j, R: r, B: b, bOverR: b.eps.median / r.eps.median, bOverRPerRepeat: bOff, rOverJ: r.eps.median / j.eps.median },
        };
      } finally {
        for (const c of children) c.kill();
        await receiver.close();
        // librdkafka's producer threads would keep waking in this process during the later cases.
        await ck?.close();
      }
    }

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
