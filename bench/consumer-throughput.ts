/**
 * Consumer / replay throughput from the beginning of a topic of ~500-byte Avro events:
 * J = Kafka's ConsumerPerformance; R = raw kafkajs eachBatch (count, resolve, commit per
 * batch, no decoding); B = the backbone's ConsumerPort (kafkajs-client.ts) with every record
 * decoded to the reader schema by AvroEventCodec.decode and one commit per batch. B is not
 * EventConsumer end to end: the effect ledger, retry topic and handlers are left out.
 */
import { randomUUID } from 'node:crypto';
import { cpuMicrosSince } from './bench-stats.ts';
import type { KafkaClientFactory } from '../services/platform/kafka/kafka-port.ts';
import { defaultConsumerFetch } from '../services/platform/kafka/kafkajs-client.ts';
import type { BenchEnv } from './bench-env.ts';
import { parseConsumerPerformance, runKafkaTool } from './java-tools.ts';
import { pipelined, type preEncode } from './producer-throughput.ts';

/**
 * One consumer run's figures, timed from the group assignment to the N-th record. The clock
 * starts when the member gets its partitions, just before its first fetch, not at the first
 * batch: the client parses a whole fetch response before it hands over its first batch, and
 * with 6 partitions of 1 MiB that first response held about 8,800 of the ~500-byte records
 * (1,470 per partition). A first-batch clock left their parsing, 35–55% of R's CPU in a
 * 20,000-record run, out of the raw client's figure but kept all of B's decoding in (issue 9).
 */
export interface ConsumerRun {
  eventsPerSec: number;
  mbPerSec: number;
  cpuMicrosPerEvent: number;
  peakRssBytes: number;
}

/**
 * Writes the consumer case's source records (not timed): raw kafkajs, idempotent, acks -1, one
 * request of 500 records at a time. With several requests in flight, kafkajs's idempotent
 * producer can fail a send with OUT_OF_ORDER_SEQUENCE_NUMBER; that ended one bench run, in
 * this fill or in the producer case's last R run just before it.
 */
export async function fillTopic(env: BenchEnv, topic: string, records: Awaited<ReturnType<typeof preEncode>>): Promise<void> {
  const producer = env.rawKafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await pipelined(records, 500, 1, (chunk) => producer.send({ topic, acks: -1, messages: chunk }));
  } finally {
    await producer.disconnect();
  }
}

/** J: ConsumerPerformance reading `records` from the beginning with a fresh group; fetch.* figures. */
export async function runJavaConsumer(env: BenchEnv, topic: string, records: number): Promise<ConsumerRun> {
  const run = await runKafkaTool(env.kafkaLibs, 'org.apache.kafka.tools.ConsumerPerformance', [
    '--bootstrap-server',
    env.config.kafka.brokers.join(','),
    '--topic',
    topic,
    '--messages',
    String(records),
    '--group',
    `bench-j-${randomUUID().slice(0, 8)}`,
    '--timeout',
    '60000',
  ]);
  const r = parseConsumerPerformance(run.stdout);
  return { eventsPerSec: r.fetchMsgPerSec, mbPerSec: r.fetchMbPerSec, cpuMicrosPerEvent: run.cpuMicros / records, peakRssBytes: run.peakRssBytes };
}

/** Counts records towards `records`; `start` is idempotent (a rebalance's second assignment does not restart the clock). */
function timed(records: number) {
  let count = 0;
  let bytes = 0;
  let t0 = 0;
  let cpu: NodeJS.CpuUsage | undefined;
  let finish!: (r: ConsumerRun) => void;
  const done = new Promise<ConsumerRun>((resolve) => (finish = resolve));
  return {
    done,
    start() {
      if (!cpu) {
        cpu = process.cpuUsage();
        t0 = performance.now();
      }
    },
    add(n: number, b: number) {
      if (count >= records) return;
      count += n;
      bytes += b;
      if (count >= records) {
        const s = (performance.now() - t0) / 1000;
        finish({ eventsPerSec: count / s, mbPerSec: bytes / 1024 / 1024 / s, cpuMicrosPerEvent: cpuMicrosSince(cpu!) / count, peakRssBytes: process.resourceUsage().maxRSS * 1024 });
      }
    },
  };
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, rej) => (t = setTimeout(() => rej(new Error(`${what} timed out after ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(t);
  }
}

/**
 * R: raw kafkajs eachBatch; counts records, resolves the batch's last offset and commits once
 * per batch. It fetches with the backbone's fetch settings (defaultConsumerFetch), as B does.
 */
export async function runRawConsumer(env: BenchEnv, topic: string, records: number): Promise<ConsumerRun> {
  const consumer = env.rawKafka.consumer({ ...defaultConsumerFetch, groupId: `bench-r-${randomUUID().slice(0, 8)}`, allowAutoTopicCreation: false });
  const t = timed(records);
  consumer.on(consumer.events.GROUP_JOIN, () => t.start());
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: env.settings.concurrency,
      eachBatch: async ({ batch, resolveOffset }) => {
        let bytes = 0;
        for (const m of batch.messages) bytes += m.value?.length ?? 0;
        const last = batch.messages[batch.messages.length - 1];
        if (!last) return;
        resolveOffset(last.offset);
        await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }]);
        t.add(batch.messages.length, bytes);
      },
    });
    return await withTimeout(t.done, 120_000, 'raw consumer');
  } finally {
    await consumer.disconnect();
  }
}

/**
 * B: the backbone's ConsumerPort (the platform's kafkajs one, or `kafka`'s); every record decoded
 * to the reader schema (AvroEventCodec.decodeKnown, as the platform's RecordHandler calls it) unless `decode` is false, resolved, one commit per batch.
 */
export async function runBackboneConsumer(env: BenchEnv, topic: string, records: number, opts: { kafka?: KafkaClientFactory; decode?: boolean } = {}): Promise<ConsumerRun> {
  const consumer = (opts.kafka ?? env.platform.kafka).consumer({ groupId: `bench-b-${randomUUID().slice(0, 8)}` });
  const codec = env.platform.codec;
  const decode = opts.decode ?? true;
  const t = timed(records);
  consumer.onAssignment(() => t.start());
  await consumer.connect();
  try {
    await consumer.subscribe([topic], true);
    await consumer.run(
      async (batch) => {
        let bytes = 0;
        for (const r of batch.records) {
          if (decode && !codec.decodeKnown(r.value)) await codec.decode(r.value);
          bytes += r.value?.length ?? 0;
          batch.resolveOffset(r.offset);
        }
        await batch.commit();
        t.add(batch.records.length, bytes);
      },
      { partitionsConcurrently: env.settings.concurrency },
    );
    return await withTimeout(t.done, 120_000, 'backbone consumer');
  } finally {
    await consumer.disconnect();
  }
}

/**
 * B as services run it: an EventConsumer (kafka/event-consumer.ts) with a no-op handler for
 * the bench's event type, and no effect ledger or delayed-retry stage, so the figure is the
 * consumer framework's own cost per record (decode, record span, handler dispatch, metrics,
 * offset commits) without a downstream or PostgreSQL round trip.
 */
export async function runEventConsumer(env: BenchEnv, topic: string, records: number): Promise<ConsumerRun> {
  const { EventConsumer } = await import('../services/platform/kafka/event-consumer.ts');
  const t = timed(records);
  let done = false;
  const port = env.platform.kafka.consumer({ groupId: `bench-e-${randomUUID().slice(0, 8)}` });
  port.onAssignment(() => t.start());
  const consumer = new EventConsumer({
    name: 'bench-event-consumer',
    consumer: port,
    codec: env.platform.codec,
    topics: [topic],
    handlers: {
      PickCompleted: async () => {
        if (done) return;
        t.add(1, 0);
      },
    },
    deadLetters: await env.platform.deadLetterPublisher('bench-event-consumer'),
    retry: { maxAttempts: 1, minDelayMs: 0, maxDelayMs: 0 },
    logger: env.logger,
  });
  await consumer.start();
  try {
    const run = await withTimeout(t.done, 180_000, 'event consumer');
    done = true;
    return run;
  } finally {
    await consumer.stop();
  }
}
