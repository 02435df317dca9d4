/**
 * A child process for one producer variant whose tracing setting must not leak into the
 * others (the OpenTelemetry SDK is process-global): it starts tracing from its OTEL_*
 * environment exactly as a service does (`startTracing`, before any Kafka module is loaded),
 * then builds an EventProducer on the parent's bench topics and waits for commands.
 *
 * Environment (set by producer-child-process.ts): BENCH_CHILD_PREFIX (the parent's topic
 * prefix), BENCH_CHILD_LINES (pick lines per event), BENCH_EVENTS, BENCH_BATCH,
 * BENCH_IN_FLIGHT, plus the OTEL_* variables of the variant.
 *
 * Protocol, one line each: stdin `warm <n>`, `run <from> <to>` (events from..to-1, one turn
 * of the parent's repeat), `exit`; stdout `@@bench <json>` replies:
 * `{ready, tracing}`, `{warmed}`, `{run: ProducerRun}`, `{exited, published}` (published counts
 * every event sent, warm-up included, after tracing was shut down and its spans flushed).
 */
import { createInterface } from 'node:readline';
import { startTracing } from '../services/platform/telemetry/start-tracing.ts';
import { replyToParent as reply } from './child-protocol.ts';

async function main(): Promise<void> {
  // Tracing first: everything that loads kafkajs is imported below, after the SDK patched it.
  const tracing = await startTracing('bench-producer');
  const { platformConfigFromEnv } = await import('../services/platform/config/load-config.ts');
  const { createLogger } = await import('../services/platform/logging/logger.ts');
  const { Platform } = await import('../services/platform/runtime/platform.ts');
  const { benchSettingsFromEnv } = await import('./bench-env.ts');
  const { benchEvents } = await import('./sample-events.ts');
  const { runBackboneProducer } = await import('./producer-throughput.ts');

  const settings = benchSettingsFromEnv(process.env);
  const prefix = process.env.BENCH_CHILD_PREFIX;
  const lines = Number(process.env.BENCH_CHILD_LINES);
  if (!prefix || !Number.isInteger(lines)) throw new Error('BENCH_CHILD_PREFIX and BENCH_CHILD_LINES are required');
  const logger = createLogger('bench-child', 'silent');
  const platform = Platform.fromConfig({ ...platformConfigFromEnv(process.env, 'bench'), topicPrefix: prefix, logLevel: 'silent' }, logger);
  const producer = await platform.eventProducer();
  const events = benchEvents(settings.events, lines);
  const valueBytes = (await platform.codec.encode(events[0]!.eventType, events[0]!.event)).length;
  let published = 0;
  await reply({ ready: true, tracing: tracing.settings });

  for await (const line of createInterface({ input: process.stdin })) {
    const [cmd, arg, arg2] = line.trim().split(/\s+/);
    if (cmd === 'warm') {
      const n = Math.min(Number(arg), events.length);
      await runBackboneProducer({ settings }, producer, events.slice(0, n), valueBytes);
      published += n;
      await reply({ warmed: n });
    } else if (cmd === 'run') {
      const slice = events.slice(Number(arg), Number(arg2));
      const run = await runBackboneProducer({ settings }, producer, slice, valueBytes);
      published += slice.length;
      await reply({ run });
    } else if (cmd === 'exit') {
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
