/**
 * A child process for one producer variant whose tracing setting must not leak into the
 * others (the OpenTelemetry SDK is process-global): it starts tracing from its OTEL_*
 * environment exactly as a service does (`startTracing`, before any Kafka module is loaded),
 * then builds an EventProducer on the parent's bench topics and waits for commands.
 * With BENCH_CHILD_RAW set to a topic, it is R in a process of its own instead: a raw kafkajs
 * producer sending the same events pre-encoded (as the parent's R does) to that topic, so the
 * traced children can be judged against an R that runs under the same conditions as they do;
 * with KAFKA_CLIENT=confluent too, it is Rc: the confluent client's producer port sending them.
 *
 * Environment (set by producer-child-process.ts): BENCH_CHILD_PREFIX (the parent's topic
 * prefix), BENCH_CHILD_LINES (pick lines per event), BENCH_EVENTS, BENCH_BATCH,
 * BENCH_IN_FLIGHT, BENCH_PARTITIONS, BENCH_CHILD_RAW (optional), plus the OTEL_* variables of the variant.
 *
 * Protocol, one line each: stdin `warm <n>`, `run <from> <to>` (events from..to-1, one turn
 * of the parent's repeat), `exit`; stdout `@@bench <json>` replies:
 * `{ready, tracing}`, `{warmed}`, `{run: ProducerRun}`, `{exited, published}` (published counts
 * every event sent, warm-up included, after tracing was shut down and its spans flushed).
 */
import { createInterface } from 'node:readline';
import { startTracing } from '../services/platform/telemetry/start-tracing.ts';
import { replyToParent as reply } from './child-protocol.ts';
import type { ProducerRun } from './producer-throughput.ts';

async function main(): Promise<void> {
  // Tracing first: everything that loads kafkajs is imported below, after the SDK patched it.
  const tracing = await startTracing('bench-producer');
  const { platformConfigFromEnv } = await import('../services/platform/config/load-config.ts');
  const { createLogger } = await import('../services/platform/logging/logger.ts');
  const { Platform } = await import('../services/platform/runtime/platform.ts');
  const { benchSettingsFromEnv, rawKafkaClient } = await import('./bench-env.ts');
  const { benchEvents } = await import('./sample-events.ts');
  const { preEncode, rawProducer, runBackboneProducer, runRawProducer } = await import('./producer-throughput.ts');
  const { runPortProducer } = await import('./confluent-cases.ts');

  const settings = benchSettingsFromEnv(process.env);
  const prefix = process.env.BENCH_CHILD_PREFIX;
  const lines = Number(process.env.BENCH_CHILD_LINES);
  if (!prefix || !Number.isInteger(lines)) throw new Error('BENCH_CHILD_PREFIX and BENCH_CHILD_LINES are required');
  const logger = createLogger('bench-child', 'silent');
  const platform = Platform.fromConfig({ ...platformConfigFromEnv(process.env, 'bench'), topicPrefix: prefix, logLevel: 'silent' }, logger);
  const events = benchEvents(settings.events, lines);
  const valueBytes = (await platform.codec.encode(events[0]!.eventType, events[0]!.event)).length;
  // One chunk of events (from..to-1) sent and timed; what to close at exit.
  let send: (from: number, to: number) => Promise<ProducerRun>;
  let closeSender = async (): Promise<void> => {};
  const rawTopic = process.env.BENCH_CHILD_RAW;
  // R's input, as the parent's: the same events pre-encoded, built before timing.
  const records = rawTopic ? await preEncode({ platform }, events) : [];
  if (rawTopic && platform.config.kafka.client === 'confluent') {
    // The parent's Rc, here: the confluent client's port sending the pre-encoded bytes.
    const port = platform.kafka.producer();
    await port.connect();
    send = (from, to) => runPortProducer({ settings }, port, rawTopic, records.slice(from, to));
    closeSender = () => port.disconnect();
  } else if (rawTopic) {
    // The parent's R, here: the same client options sending the pre-encoded bytes.
    const raw = rawProducer(rawKafkaClient(platform.config.kafka.brokers, 'bench-raw-child'));
    await raw.connect();
    send = (from, to) => runRawProducer({ settings }, raw, rawTopic, records.slice(from, to));
    closeSender = () => raw.disconnect();
  } else {
    const producer = await platform.eventProducer();
    send = (from, to) => runBackboneProducer({ settings }, producer, events.slice(from, to), valueBytes);
  }
  let published = 0;
  await reply({ ready: true, tracing: tracing.settings });

  for await (const line of createInterface({ input: process.stdin })) {
    const [cmd, arg, arg2] = line.trim().split(/\s+/);
    if (cmd === 'warm') {
      const n = Math.min(Number(arg), events.length);
      await send(0, n);
      published += n;
      await reply({ warmed: n });
    } else if (cmd === 'run') {
      const [from, to] = [Number(arg), Math.min(Number(arg2), events.length)];
      const run = await send(from, to);
      published += to - from;
      await reply({ run });
    } else if (cmd === 'exit') {
      await closeSender();
      await platform.close();
      await tracing.shutdown();
      await reply({ exited: true, published });
      process.exit(0);
    }
  }
}

main().catch(async (err) => {
  await reply({ error: String((err as Error)?.stack ?? err) });
  process.exit(1);
});
