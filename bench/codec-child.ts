/**
 * The codec case in a process of its own, so its figures describe the codec and not what the
 * earlier cases left in the bench process (a heap of several hundred MB, Kafka clients, code
 * optimized for other shapes): run in the bench process after the Kafka cases, EtaUpdated's
 * decode read 2.83–3.07× JSON where the same code read 3.2–3.5× in a process of its own (the
 * reason JMH forks a JVM per benchmark). Avro and JSON share the process, so the comparison
 * stays like with like.
 *
 * Builds the codec as a service does (registry client, canonical schemas), then for each
 * measured event type runs a warm-up and BENCH_REPEATS runs of `runCodec`
 * (BENCH_CODEC_ITERATIONS, BENCH_CODEC_VARIANTS), and prints one line,
 * `@@bench {"codec": {<eventType>: CodecRun[]}}`, or `@@bench {"error": ...}`.
 */
import { platformConfigFromEnv } from '../services/platform/config/load-config.ts';
import { AvroEventCodec } from '../services/platform/codec/avro-codec.ts';
import { RegistryClient } from '../services/platform/codec/registry-client.ts';
import { loadEventSchemas } from '../services/platform/schemas/schema-catalog.ts';
import { benchSettingsFromEnv } from './bench-env.ts';
import { replyToParent as reply } from './child-protocol.ts';
import { runCodec, type CodecRun } from './codec-throughput.ts';
import { codecSamples } from './sample-events.ts';

async function main(): Promise<void> {
  const settings = benchSettingsFromEnv(process.env);
  const codec = new AvroEventCodec(new RegistryClient(platformConfigFromEnv(process.env, 'bench-codec').registry.url), loadEventSchemas());
  const out: Record<string, CodecRun[]> = {};
  for (const events of codecSamples(settings.codecVariants)) {
    await runCodec(codec, events, Math.floor(settings.codecIterations / 4));
    const runs: CodecRun[] = [];
    for (let i = 0; i < settings.repeats; i++) runs.push(await runCodec(codec, events, settings.codecIterations));
    out[events[0]!.eventType] = runs;
  }
  await reply({ codec: out });
}

main().then(
  () => process.exit(0),
  async (err) => {
    await reply({ error: String((err as Error)?.stack ?? err) });
    process.exit(1);
  },
);
