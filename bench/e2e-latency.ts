/**
 * End-to-end latency under open-loop fixed-rate load: events are sent on a schedule that does
 * not wait for acknowledgements; each record carries its send time (performance.now(), same
 * process) in the `bench-sent-at` header and the consumer's handler records now − sent.
 * R = raw kafkajs producer + raw eachBatch consumer; B = EventProducer + ConsumerPort with
 * AvroEventCodec.decode before the "handler". Both commit each batch's offset in the
 * background (BackgroundCommitter: one commit request at a time, off the fetch loop); R with
 * an awaited commit per batch is the diagnostic that shows what that round trip costs. Both
 * consumers fetch with the same minBytes/maxWaitTimeInMs (BENCH_E2E_MIN_BYTES 16384,
 * BENCH_E2E_MAX_WAIT_MS 5): with commits off the fetch loop and kafkajs's minBytes 1, the
 * consumer fetches every millisecond or so with a record or two, and at half the producer's
 * maximum rate that starved the producer in the same process (ack p50 0.5-0.8 s); letting the
 * broker gather up to 16 KiB or 5 ms keeps fetches near 200/s. The first two seconds are
 * warm-up; one run per rate and path.
 */
import { randomUUID } from 'node:crypto';
import { BackgroundCommitter } from '../services/platform/kafka/background-committer.ts';
import { defaultConsumerFetch, KafkajsClientFactory } from '../services/platform/kafka/kafkajs-client.ts';
import type { TypedEvent } from '../services/platform/events/canonical-event.ts';
import { applyTopics } from '../services/platform/kafka/topic-catalog.ts';
import { Platform } from '../services/platform/runtime/platform.ts';
import { latencySummary } from './bench-stats.ts';
import type { BenchEnv } from './bench-env.ts';
import { rawProducer, type preEncode } from './producer-throughput.ts';

/** Latency percentiles of one run, milliseconds, and the rate actually achieved. */
export interface LatencyRun {
  targetRate: number;
  sent: number;
  received: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  sendErrors: number;
  /** Producer acknowledgement latency (send call → acks=all ack), p50/p99 ms: the producer's share. */
  ackP50: number;
  ackP99: number;
}

const header = 'bench-sent-at';
/** Samples from the first two seconds of a run are warm-up and not counted. */
const warmupMs = 2000;

/** Calls `send(n)` so that `rate` events per second go out for `seconds`, without waiting on sends. */
async function openLoop(rate: number, seconds: number, send: (n: number) => Promise<unknown>): Promise<{ sent: number; errors: number; pending: Promise<unknown>[]; acks: number[] }> {
  const t0 = performance.now();
  let sent = 0;
  let errors = 0;
  const pending: Promise<unknown>[] = [];
  const acks: number[] = [];
  const total = Math.round(rate * seconds);
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate)) - sent;
    if (due > 0) {
      sent += due;
      const at = performance.now();
      pending.push(
        send(due).then(
          () => {
            if (at - t0 >= warmupMs) for (let k = 0; k < due; k++) acks.push(performance.now() - at);
          },
          () => errors++,
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  return { sent, errors, pending, acks };
}

async function collect(samples: { at: number; ms: number }[], expected: () => number, t0: number, sent: number, errors: number, rate: number, acks: number[]): Promise<LatencyRun> {
  const deadline = performance.now() + 20_000;
  while (samples.length < expected() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const measured = samples.filter((s) => s.at - t0 >= warmupMs).map((s) => s.ms);
  const a = latencySummary(acks);
  return { targetRate: rate, sent, received: samples.length, ...latencySummary(measured), sendErrors: errors, ackP50: a.p50, ackP99: a.p99 };
}

/**
 * R: raw kafkajs producer (pre-encoded values) into a raw eachBatch consumer that commits each
 * batch's offset like B: in the background by default, or awaited before the next batch
 * (`commit` 'await'). kafkajs fetches again only after every batch of a fetch was handled, so
 * awaited commits, one round trip per partition in turn, set the delivery delay. (kafkajs's
 * autoCommit is no way around it: its runner commits after every batch too.)
 */
export async function runRawLatency(env: BenchEnv, records: Awaited<ReturnType<typeof preEncode>>, rate: number, seconds: number, commit: 'background' | 'await' = 'background'): Promise<LatencyRun> {
  const topic = await env.createTopic(`e2e-r-${randomUUID().slice(0, 6)}`, env.settings.partitions);
  const producer = rawProducer(env.rawKafka);
  const consumer = env.rawKafka.consumer({
    ...defaultConsumerFetch,
    groupId: `bench-e2e-r-${randomUUID().slice(0, 8)}`,
    allowAutoTopicCreation: false,
    minBytes: env.settings.e2eMinBytes,
    maxWaitTimeInMs: env.settings.e2eMaxWaitMs,
  });
  const samples: { at: number; ms: number }[] = [];
  const committer = new BackgroundCommitter((offsets) => consumer.commitOffsets(offsets), () => undefined);
  await Promise.all([producer.connect(), consumer.connect()]);
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: env.settings.concurrency,
      eachBatch: async ({ batch, resolveOffset }) => {
        for (const m of batch.messages) {
          const now = performance.now();
          samples.push({ at: now, ms: now - Number(m.headers?.[header]?.toString()) });
          resolveOffset(m.offset);
        }
        const last = batch.messages[batch.messages.length - 1];
        if (!last) return;
        const next = { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() };
        if (commit === 'background') committer.offer(next);
        else await consumer.commitOffsets([next]);
      },
    });
    await joined;
    let i = 0;
    const t0 = performance.now();
    const { sent, errors, pending, acks } = await openLoop(rate, seconds, (n) => {
      const sentAt = String(performance.now());
      const messages = Array.from({ length: n }, () => {
        const r = records[i++ % records.length]!;
        return { key: r.key, value: r.value, headers: { ...r.headers, [header]: sentAt } };
      });
      return producer.send({ topic, acks: -1, messages });
    });
    await Promise.allSettled(pending);
    return await collect(samples, () => sent - errors, t0, sent, errors, rate, acks);
  } finally {
    await committer.flush();
    await Promise.all([producer.disconnect(), consumer.disconnect()]);
  }
}

/** B: EventProducer.publish (typed events, send time as an extra header) into ConsumerPort (background commits) + codec decode. */
export async function runBackboneLatency(env: BenchEnv, events: TypedEvent[], rate: number, seconds: number, backgroundCommit = true): Promise<LatencyRun> {
  // EventProducer writes PickCompleted to the lifecycle topic, so B gets its own catalog prefix.
  const kafka = new KafkajsClientFactory({
    brokers: env.config.kafka.brokers,
    clientId: env.config.kafka.clientId,
    security: env.config.kafka.security,
    logger: env.logger,
    consumerFetch: { minBytes: env.settings.e2eMinBytes, maxWaitTimeInMs: env.settings.e2eMaxWaitMs },
  });
  const platform = Platform.fromConfig({ ...env.config, topicPrefix: `${env.prefix}e2e-${randomUUID().slice(0, 6)}.` }, env.logger, { kafka });
  await applyTopics(env.admin, platform.topics);
  const topic = platform.topics.lifecycle.name;
  const producer = await platform.eventProducer();
  const consumer = platform.kafka.consumer({ groupId: `bench-e2e-b-${randomUUID().slice(0, 8)}`, backgroundCommit });
  const samples: { at: number; ms: number }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe([topic], true);
    const joined = new Promise<void>((resolve) => consumer.onAssignment(() => resolve()));
    await consumer.run(
      async (batch) => {
        for (const r of batch.records) {
          await platform.codec.decode(r.value);
          const now = performance.now();
          samples.push({ at: now, ms: now - Number(String(r.headers[header])) });
          batch.resolveOffset(r.offset);
        }
        await batch.commit();
      },
      { partitionsConcurrently: env.settings.concurrency },
    );
    await joined;
    let i = 0;
    const t0 = performance.now();
    const { sent, errors, pending, acks } = await openLoop(rate, seconds, (n) => {
      const sentAt = String(performance.now());
      const chunk = Array.from({ length: n }, () => events[i++ % events.length]!);
      return producer.publish(chunk, { [header]: sentAt });
    });
    await Promise.allSettled(pending);
    return await collect(samples, () => sent - errors, t0, sent, errors, rate, acks);
  } finally {
    await consumer.disconnect();
    await platform.close();
  }
}
