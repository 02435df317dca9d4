/**
 * Codec throughput, in-process: AvroEventCodec.encode (Avro written straight into the 5-byte
 * Confluent frame, schema id from the registry) and decodeKnown (writer → reader, timestamps as
 * Date) per second for real event types, against JSON of the same event objects:
 * `Buffer.from(JSON.stringify(event))` and `JSON.parse(buffer.toString())` (no date reviver,
 * so JSON's decode does less: it returns ISO strings where the codec returns Dates). Both
 * sides cycle through the same distinct events of the type (BENCH_CODEC_VARIANTS, 256 by
 * default), so neither reads one buffer's bytes over and over as no consumer does.
 *
 * Avro and JSON run in alternating blocks of `block` operations, and each side's rate is its
 * total operations over its total time. On a loaded machine the load then falls on both sides
 * alike, so the ratio holds even when the absolute rates swing.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoRoot } from '../scripts/stack/stack-config.ts';
import { tsNodeArgs } from '../scripts/ts-runtime/node-args.ts';
import type { AvroEventCodec } from '../services/platform/codec/avro-codec.ts';
import type { TypedEvent } from '../services/platform/events/canonical-event.ts';
import type { BenchSettings } from './bench-env.ts';
import { parseChildLine } from './child-protocol.ts';

/** Operations per second for one event type. */
export interface CodecRun {
  eventType: string;
  avroBytes: number;
  jsonBytes: number;
  avroEncodePerSec: number;
  jsonEncodePerSec: number;
  avroDecodePerSec: number;
  jsonDecodePerSec: number;
}

/**
 * Runs `a` and `b` in alternating blocks of `block` calls, each call awaited when `awaited`;
 * returns each side's calls per second.
 */
async function interleaved(iterations: number, block: number, awaited: boolean, a: () => unknown, b: () => unknown): Promise<[number, number]> {
  let ta = 0;
  let tb = 0;
  let done = 0;
  while (done < iterations) {
    const n = Math.min(block, iterations - done);
    let t0 = performance.now();
    if (awaited) for (let i = 0; i < n; i++) await a();
    else for (let i = 0; i < n; i++) a();
    ta += performance.now() - t0;
    t0 = performance.now();
    if (awaited) for (let i = 0; i < n; i++) await b();
    else for (let i = 0; i < n; i++) b();
    tb += performance.now() - t0;
    done += n;
  }
  return [iterations / (ta / 1000), iterations / (tb / 1000)];
}

/**
 * Measures one event type over `events` (distinct events of that type, taken in turn), each
 * side called as the platform calls the codec: every encode is awaited on both sides
 * (EventProducer awaits `encode`), so the JSON side pays the same await; decode is synchronous
 * on both sides (RecordHandler calls `decodeKnown` once the writer schema is known, as it is
 * after the first record).
 */
export async function runCodec(codec: AvroEventCodec, events: TypedEvent[], iterations: number, block = 500): Promise<CodecRun> {
  const eventType = events[0]!.eventType;
  const avro = await Promise.all(events.map((e) => codec.encode(e.eventType, e.event)));
  const json = events.map((e) => Buffer.from(JSON.stringify(e.event)));
  await codec.decode(avro[0]!); // looks the writer schema up, as a consumer's first record does
  const n = events.length;
  let sink = 0;
  let i = 0;
  let j = 0;
  const [avroEncodePerSec, jsonEncodePerSec] = await interleaved(
    iterations,
    block,
    true,
    async () => (sink += (await codec.encode(eventType, events[i++ % n]!.event)).length),
    () => (sink += Buffer.from(JSON.stringify(events[j++ % n]!.event)).length),
  );
  const [avroDecodePerSec, jsonDecodePerSec] = await interleaved(
    iterations,
    block,
    false,
    () => (sink += codec.decodeKnown(avro[i++ % n]!)!.writerSchemaId),
    () => (sink += (JSON.parse(json[j++ % n]!.toString()) as object) ? 1 : 0),
  );
  if (sink < 0) throw new Error('unreachable');
  const mean = (xs: Buffer[]) => xs.reduce((a, x) => a + x.length, 0) / xs.length;
  return { eventType, avroBytes: mean(avro), jsonBytes: mean(json), avroEncodePerSec, jsonEncodePerSec, avroDecodePerSec, jsonDecodePerSec };
}

/**
 * Runs the codec case in a fresh child process (`codec-child.ts`, see there why) against the
 * registry this process is configured for (SCHEMA_REGISTRY_URL), with `settings`' iterations,
 * variants and repeats; returns each event type's runs.
 */
export async function runCodecChild(settings: BenchSettings): Promise<Record<string, CodecRun[]>> {
  const child = spawn(process.execPath, [...tsNodeArgs, 'bench/codec-child.ts'], {
    cwd: repoRoot,
    env: { ...process.env, BENCH_REPEATS: String(settings.repeats), BENCH_CODEC_ITERATIONS: String(settings.codecIterations), BENCH_CODEC_VARIANTS: String(settings.codecVariants) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let msg: { codec?: Record<string, CodecRun[]>; error?: string } = {};
  for await (const line of createInterface({ input: child.stdout })) msg = (parseChildLine(line) as typeof msg | undefined) ?? msg;
  const code = child.exitCode ?? (await new Promise<number | null>((resolve) => child.once('exit', resolve)));
  if (!msg.codec) throw new Error(`codec child failed (exit ${code}): ${msg.error ?? 'no result'}`);
  return msg.codec;
}
