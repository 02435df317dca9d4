/**
 * Producer throughput, side by side on one topic layout (6 partitions, acks=all, idempotent):
 * J = Kafka's ProducerPerformance (500-byte records), R = raw kafkajs sending pre-encoded Avro
 * buffers, B = the backbone's EventProducer (registry codec, headers, murmur2 partitioning).
 */
import type { Kafka, Producer } from 'kafkajs';
import type { TypedEvent } from '../services/platform/events/canonical-event.ts';
import { partitionKeyOf } from '../services/platform/events/canonical-event.ts';
import { eventHeaders, type EventProducer } from '../services/platform/kafka/event-producer.ts';
import { cpuMicrosSince } from './bench-stats.ts';
import type { Platform } from '../services/platform/runtime/platform.ts';
import type { BenchEnv, BenchSettings } from './bench-env.ts';
import { parseProducerPerformance, runKafkaTool } from './java-tools.ts';

/** One producer run's figures. */
export interface ProducerRun {
  /** Events sent. */
  count: number;
  eventsPerSec: number;
  mbPerSec: number;
  cpuMicrosPerEvent: number;
  peakRssBytes: number;
  /** Mean value size in bytes. */
  valueBytes: number;
}

/** Sends `items` in chunks of `batch`, keeping `inFlight` sends outstanding. */
export async function pipelined<T>(items: T[], batch: number, inFlight: number, send: (chunk: T[]) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const chunk = items.slice(next, next + batch);
      next += batch;
      await send(chunk);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}

/** J: ProducerPerformance with --record-size 500, acks=all, unthrottled, against `topic`. */
export async function runJavaProducer(env: BenchEnv, topic: string, records: number): Promise<ProducerRun> {
  const run = await runKafkaTool(env.kafkaLibs, 'org.apache.kafka.tools.ProducerPerformance', [
    '--topic',
    topic,
    '--num-records',
    String(records),
    '--record-size',
    '500',
    '--throughput',
    '-1',
    '--producer-props',
    'acks=all',
    'enable.idempotence=true',
    `bootstrap.servers=${env.config.kafka.brokers.join(',')}`,
  ]);
  const r = parseProducerPerformance(run.stdout);
  return { count: records, eventsPerSec: r.recordsPerSec, mbPerSec: r.mbPerSec, cpuMicrosPerEvent: run.cpuMicros / records, peakRssBytes: run.peakRssBytes, valueBytes: 500 };
}

/**
 * Pre-encoded records for R: the same bytes and headers B would produce (EventProducer's
 * header set, shipment-id and causation-id included when the envelope has them), built before
 * timing, so R and B put the same bytes on the wire.
 */
export async function preEncode(env: { platform: Pick<Platform, 'codec'> }, events: TypedEvent[]): Promise<Array<{ key: string; value: Buffer; headers: Record<string, string> }>> {
  return Promise.all(
    events.map(async (e) => {
      const envelope = e.event.envelope;
      const headers: Record<string, string> = {
        [eventHeaders.eventId]: envelope.eventId,
        [eventHeaders.eventType]: e.eventType,
        [eventHeaders.correlationId]: envelope.correlationId,
        [eventHeaders.contentType]: 'application/vnd.apache.avro+binary',
      };
      if (envelope.causationId) headers[eventHeaders.causationId] = envelope.causationId;
      if (envelope.shipmentId) headers[eventHeaders.shipmentId] = envelope.shipmentId;
      return { key: partitionKeyOf(envelope), value: await env.platform.codec.encode(e.eventType, e.event), headers };
    }),
  );
}

/** Times `send` over `count` events of `valueBytes` each: rate, MB/s and CPU of this process, peak RSS. */
export async function timedProducerRun(count: number, valueBytes: number, send: () => Promise<void>): Promise<ProducerRun> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await send();
  const s = (performance.now() - t0) / 1000;
  return {
    count,
    eventsPerSec: count / s,
    mbPerSec: (count * valueBytes) / 1024 / 1024 / s,
    cpuMicrosPerEvent: cpuMicrosSince(cpu) / count,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    valueBytes,
  };
}

/**
 * One run from runs over consecutive slices of the events (the chunks of an interleaved
 * repeat): events over the sum of the chunks' times, CPU per event over all of them, MB/s from
 * the mean value size, the highest peak RSS.
 */
export function combineRuns(runs: ProducerRun[]): ProducerRun {
  let events = 0;
  let seconds = 0;
  let cpuMicros = 0;
  let bytes = 0;
  for (const r of runs) {
    const n = r.count;
    events += n;
    seconds += n / r.eventsPerSec;
    cpuMicros += r.cpuMicrosPerEvent * n;
    bytes += r.valueBytes * n;
  }
  const valueBytes = bytes / events;
  return {
    count: events,
    eventsPerSec: events / seconds,
    mbPerSec: (events * valueBytes) / 1024 / 1024 / seconds,
    cpuMicrosPerEvent: cpuMicros / events,
    peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    valueBytes,
  };
}

/** R's producer, wherever R runs (producer case, its child, end-to-end): idempotent, 5 requests in flight. */
export function rawProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
}

/** R: raw kafkajs (idempotent, acks -1), pre-encoded values, kafkajs's murmur2 DefaultPartitioner. */
export async function runRawProducer(env: { settings: Pick<BenchSettings, 'batch' | 'inFlight'> }, producer: Producer, topic: string, records: Awaited<ReturnType<typeof preEncode>>): Promise<ProducerRun> {
  const bytes = records.reduce((n, r) => n + r.value.length, 0);
  return timedProducerRun(records.length, bytes / records.length, () =>
    pipelined(records, env.settings.batch, env.settings.inFlight, (chunk) => producer.send({ topic, acks: -1, messages: chunk })),
  );
}

/** B: EventProducer.publish of typed events (encode + registry id + headers + partitioning), same chunking as R. */
export async function runBackboneProducer(env: { settings: Pick<BenchSettings, 'batch' | 'inFlight'> }, producer: EventProducer, events: TypedEvent[], valueBytes: number): Promise<ProducerRun> {
  return timedProducerRun(events.length, valueBytes, () => pipelined(events, env.settings.batch, env.settings.inFlight, (chunk) => producer.publish(chunk)));
}
