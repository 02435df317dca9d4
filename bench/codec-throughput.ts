/**
 * Codec throughput, in-process: AvroEventCodec.encode (validate + Avro + 5-byte frame) and
 * decode (writer → reader resolution) per second for real event types, against
 * Buffer.from(JSON.stringify(event)) and JSON.parse(buffer.toString()) of the same events.
 */
import type { AvroEventCodec } from '../services/platform/codec/avro-codec.ts';
import type { TypedEvent } from '../services/platform/events/canonical-event.ts';

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

async function rate(iterations: number, op: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await op();
  return iterations / ((performance.now() - t0) / 1000);
}

/** Measures one event type (each loop awaited per operation, as the platform calls the codec). */
export async function runCodec(codec: AvroEventCodec, e: TypedEvent, iterations: number): Promise<CodecRun> {
  const avro = await codec.encode(e.eventType, e.event);
  const json = Buffer.from(JSON.stringify(e.event));
  let sink = 0;
  const avroEncodePerSec = await rate(iterations, async () => (sink += (await codec.encode(e.eventType, e.event)).length));
  const jsonEncodePerSec = await rate(iterations, () => (sink += Buffer.from(JSON.stringify(e.event)).length));
  const avroDecodePerSec = await rate(iterations, async () => (sink += (await codec.decode(avro)).writerSchemaId));
  const jsonDecodePerSec = await rate(iterations, () => (sink += (JSON.parse(json.toString()) as object) ? 1 : 0));
  if (sink < 0) throw new Error('unreachable');
  return { eventType: e.eventType, avroBytes: avro.length, jsonBytes: json.length, avroEncodePerSec, jsonEncodePerSec, avroDecodePerSec, jsonDecodePerSec };
}
