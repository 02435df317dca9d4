/**
 * The producer case of `npm run bench`: J (Kafka's ProducerPerformance), R (raw kafkajs,
 * pre-encoded) and B (EventProducer, tracing off) in this process; R-child and the B tracing
 * variants (producer-tracing-variants.ts) each in a child process, a fresh one per repeat; Rc
 * and Bc over the confluent client when it is built. Each repeat runs J, then every other side
 * in turns of one chunk each, so a load spike on the machine falls on all of them alike.
 */
import type { TypedEvent } from '../services/platform/events/canonical-event.ts';
import type { BenchEnv } from './bench-env.ts';
import { mb, pct, say, series, type BenchReport } from './bench-report.ts';
import { fmt, fmtSpread, spreadOf } from './bench-stats.ts';
import { runPortProducer, type ConfluentBench } from './confluent-cases.ts';
import { startOtlpReceiver } from './otlp-receiver.ts';
import { childV8Flags, startProducerChild, type ProducerChild } from './producer-child-process.ts';
import { combineRuns, rawProducer, runBackboneProducer, runJavaProducer, runRawProducer, type preEncode, type ProducerRun } from './producer-throughput.ts';
import { producerTracingVariants, type ProducerTracingVariant } from './producer-tracing-variants.ts';

/** What the producer case sends: the run's events and their pre-encoded records (R's input). */
export interface ProducerCaseInput {
  env: BenchEnv;
  events: TypedEvent[];
  records: Awaited<ReturnType<typeof preEncode>>;
  /** Pick lines per event (the children build the same events). */
  lines: number;
  /** The confluent client, when built. */
  confluent?: ConfluentBench;
}

/**
 * Runs the producer case, adding its rows, goals, notes and JSON to `report`; returns the lower
 * of R's and B's median rate (the e2e case's "maximum").
 */
export async function runProducerCase(input: ProducerCaseInput, report: BenchReport): Promise<number> {
  const { env, events, records, lines, confluent: ck } = input;
  const { settings } = env;
  const { rows, goals, notes, json } = report;
  const N = settings.events;
  const reps = settings.repeats;
  const valueBytes = records.reduce((n, r) => n + r.value.length, 0) / records.length;
  let max = 0;
  const jTopic = await env.createTopic('producer-java', settings.partitions);
  const rTopic = await env.createTopic('producer-raw', settings.partitions);
  const raw = rawProducer(env.rawKafka);
  await raw.connect();
  const typed = await env.platform.eventProducer();
  const warm = Math.max(1000, Math.floor(N / 4));
  // B with tracing runs in child processes (the SDK is process-global), exporting OTLP/HTTP
  // protobuf to a receiver in this process; R-child, B-off (no OTEL_* set) and B-disabled
  // (OTEL_SDK_DISABLED=true) are children too, so every goal compares like with like.
  const receiver = await startOtlpReceiver();
  const variants = producerTracingVariants(receiver, { confluent: ck !== undefined });
  const rawTopics = new Map<string, string>();
  for (const v of variants) if (v.raw) rawTopics.set(v.key, await env.createTopic(`producer-${v.key.toLowerCase()}`, settings.partitions));
  // The current repeat's children, one per variant, and what each variant has sent in all.
  let children: ProducerChild[] = [];
  const published = variants.map(() => 0);
  // A fresh set of children for every repeat, started together, then warmed up like B: a
  // process can stay slow for its whole life (one R-child read 76-105 us per event in all five
  // repeats of a run while B-off read 39-42), and with one process per run the median of the
  // repeats could not leave it behind. Fresh ones make the repeats independent, as forks do in JMH.
  const startChildren = async (): Promise<void> => {
    const started = await Promise.allSettled(
      variants.map((v) =>
        startProducerChild({ name: v.key, prefix: env.prefix, lines, events: N, batch: settings.batch, partitions: settings.partitions, inFlight: settings.inFlight, otel: v.otel, rawTopic: rawTopics.get(v.key) }),
      ),
    );
    children = started.flatMap((x) => (x.status === 'fulfilled' ? [x.value] : []));
    const failed = started.find((x): x is PromiseRejectedResult => x.status === 'rejected');
    if (failed) throw failed.reason;
    children.forEach((c, k) => {
      const v = variants[k]!;
      if (c.tracing.enabled !== v.tracing) throw new Error(`producer child ${v.key}: tracing ${c.tracing.enabled ? 'on' : 'off'} (${c.tracing.reason}), expected ${v.tracing ? 'on' : 'off'}`);
    });
    for (const c of children) await c.warm(warm);
  };
  try {
    say(`producer: warm-up (${warm} each)`);
    await runJavaProducer(env, jTopic, warm);
    await runRawProducer(env, raw, rTopic, records.slice(0, warm));
    await runBackboneProducer(env, typed, events.slice(0, warm), valueBytes);
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
      ...variants.map((_, k) => ({ runs: V[k]!, chunk: (from: number, to: number) => children[k]!.run(from, to) })),
      ...(ck
        ? [
            { runs: RC, chunk: (from: number, to: number) => runPortProducer(env, ck.port, cTopic, records.slice(from, to)) },
            { runs: BC, chunk: (from: number, to: number) => runBackboneProducer(env, ck.producer, events.slice(from, to), valueBytes) },
          ]
        : []),
    ];
    for (let i = 0; i < reps; i++) {
      say(`producer: run ${i + 1}/${reps}, with ${variants.length} fresh child processes (${variants.map((v) => v.key).join(', ')})`);
      await startChildren();
      J.push(await runJavaProducer(env, jTopic, N));
      // R and the Bs take turns, one chunk each, so a load spike falls on all of them alike.
      const parts = sides.map((): ProducerRun[] => []);
      for (let from = 0; from < N; from += settings.producerChunk) {
        const to = Math.min(N, from + settings.producerChunk);
        for (let k = 0; k < sides.length; k++) parts[k]!.push(await sides[k]!.chunk(from, to));
      }
      sides.forEach((side, k) => side.runs.push(combineRuns(parts[k]!)));
      // Exiting shuts each child's tracing down, which flushes its spans to the receiver.
      for (const [k, c] of children.entries()) published[k] = published[k]! + (await c.exit()).published;
      children = [];
    }
    await raw.disconnect();
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
    max = Math.min(r.eps.median, b.eps.median);
    const bOff = perRepeat(B);
    // Reported: R and B here share one heap that also holds both sides' inputs (20,000 events and
    // their encoded records), so B, allocating more, sets off more of its collections. The goal
    // for B without tracing is B-off against R-child, each in a process of its own.
    goals.push({ goal: 'Producer B, tracing off, in this process with R (reported; the goal is B-off ≥ 85% of R-child)', measured: ratioText(B), met: undefined });
    const spans: Record<string, unknown> = {};
    const runsOf = (key: string) => V[variants.findIndex((x) => x.key === key)]!;
    const rChild = runsOf('R-child');
    // What a child is judged against: its raw child; what it is shown against besides: the parent's R (Rc for confluent ones).
    const baseOf = (x: ProducerTracingVariant) => (x.base ? runsOf(x.base) : R);
    const parentBaseName = (x: ProducerTracingVariant) => (x.otel.KAFKA_CLIENT === 'confluent' ? 'Rc' : 'R');
    const parentBaseOf = (x: ProducerTracingVariant) => (parentBaseName(x) === 'Rc' ? RC : R);
    variants.forEach((x, k) => {
      const base = baseOf(x);
      const ratio = perRepeat(V[k]!, base);
      if (x.goal !== undefined) goals.push({ goal: `Producer ${x.key} ≥ ${fmt(x.goal * 100)}% of ${x.base ?? 'R'}`, measured: ratioText(V[k]!, base, `${x.key.split('@')[0]}/${x.base ?? 'R'}`), met: ratio.median >= x.goal });
      if (!x.tracing) return;
      const got = receiver.received(x.key);
      const sent = published[k]!;
      const share = got.producerEvents / sent;
      spans[x.key] = { ...got, published: sent, tracedShareOfEvents: share, expected: x.sampleRatio };
      // The sampler decides once per produce request (EventProducer's batch send span, one per
      // ${settings.batch}-event chunk): 100% must cover about every event (less what the
      // BatchSpanProcessor's 2048-span queue dropped), 10% about a tenth, within 4 standard
      // deviations of that many yes/no decisions (at least ±3 points).
      const decisions = Math.max(1, sent / settings.batch);
      const tolerance = Math.max(0.03, 4 * Math.sqrt((x.sampleRatio * (1 - x.sampleRatio)) / decisions));
      const ok = x.sampleRatio === 1 ? got.producerSpans > 0 : Math.abs(share - x.sampleRatio) <= tolerance;
      goals.push({
        goal: `${x.key}: producer spans really exported (${x.sampleRatio === 1 ? '> 0' : `≈ ${fmt(x.sampleRatio * 100)}% ± ${fmt(tolerance * 100, 1)} of events`})`,
        measured: `${fmt(got.producerSpans)} producer spans covering ${fmt(got.producerEvents)} events (${fmt(got.spans)} spans, ${fmt(got.requests)} OTLP requests, ${fmt(got.bytes / 1048576, 1)} MB) of ${fmt(sent)} events sent (warm-ups included) = ${fmt(share * 100, 1)}%${got.rejected ? `; ${got.rejected} bodies rejected` : ''}`,
        met: ok,
      });
    });
    // Every child against both Rs: the goals use R-child; the parent's R shows what being a child costs.
    goals.push({
      goal: 'Producer children (reported): each over its raw child and over the raw producer in this process, per-repeat median',
      measured: variants
        .map((x, k) => `${x.key} ${x.base ? `${fmt(perRepeat(V[k]!, baseOf(x)).median * 100, 1)}% of ${x.base}, ` : ''}${fmt(perRepeat(V[k]!, parentBaseOf(x)).median * 100, 1)}% of ${parentBaseName(x)}`)
        .join('; '),
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
    notes.push(`Producer order in each repeat: J, then R and B (tracing off) in this process, ${variants.map((x) => x.key).join(', ')}, each in a child process of its own started for the repeat (warmed up like B, V8 flags ${childV8Flags.join(' ')})${ck ? ', Rc and Bc (confluent, this process)' : ''} taking turns, ${fmt(settings.producerChunk)} events each, until each has sent ${fmt(N)}; a side's rate is its events over the sum of its chunks' times. B/R pairs each B with the same repeat's R; a child's goal pairs it with the same repeat's raw child (R-child, or Rc-child for the confluent ones).`);
    notes.push(`Traced producer children: startTracing as services run it (kafkajs instrumentation; EventProducer's ${settings.batch}-event publishes are one batch PRODUCER span each, the instrumentation bypassed for them; traceparent on every record), OTLP/HTTP protobuf to a throwaway receiver in the parent process (counts, discards, answers 200), SDK BatchSpanProcessor defaults unless OTEL_BSP_* is set.`);
    json.producer = {
      J,
      R,
      B,
      variants: Object.fromEntries(variants.map((x, k) => [x.key, { otel: x.otel, runs: V[k], summary: v[k], base: x.base ?? 'R', bOverBasePerRepeat: perRepeat(V[k]!, baseOf(x)), overParentRawPerRepeat: perRepeat(V[k]!, parentBaseOf(x)) }])),
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
  return max;
}
