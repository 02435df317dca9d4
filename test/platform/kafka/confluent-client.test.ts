/**
 * The @confluentinc/kafka-javascript implementation of the Kafka port against the real broker:
 * offsets the producer returns, group commits, a seek while assigning, background commits, a
 * fatal error, and EventProducer/EventConsumer end to end over it. The client is built by
 * `npm run client:confluent`, which CI does not run: without it these tests skip (what needs no
 * addon is in confluent-config.test.ts).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it, type TestContext } from 'node:test';
import { KafkaUnavailableError } from '../../../services/platform/errors/backbone-error.ts';
import { ConfluentClientFactory } from '../../../services/platform/kafka/confluent-client.ts';
import { defaultConfluentFetch } from '../../../services/platform/kafka/confluent-config.ts';
import { ConfluentConsumerPort } from '../../../services/platform/kafka/confluent-consumer.ts';
import { confluentModuleAvailable, loadConfluentModule, type CkKafka } from '../../../services/platform/kafka/confluent-module.ts';
import { EventConsumer } from '../../../services/platform/kafka/event-consumer.ts';
import type { OutgoingRecord } from '../../../services/platform/kafka/kafka-port.ts';
import { KafkajsClientFactory } from '../../../services/platform/kafka/kafkajs-client.ts';
import { LazyClientFactory } from '../../../services/platform/kafka/lazy-client-factory.ts';
import { murmur2Partition } from '../../../services/platform/kafka/murmur2-partitioner.ts';
import { Platform } from '../../../services/platform/runtime/platform.ts';
import { waitForCaughtUp } from '../../support/consumer-lag.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';
import { readTopic } from '../../support/kafka-inspect.ts';
import { assertBackgroundCommitsLand } from '../../support/port-contract.ts';
import { provision, testLogger, testPlatformConfig, uniquePrefix, waitFor } from '../../support/test-env.ts';

const installed = confluentModuleAvailable();
const notInstalled = '@confluentinc/kafka-javascript is not installed: run npm run client:confluent to build it and run these tests';

describe('ConfluentClientFactory against the real broker', () => {
  const cfg = testPlatformConfig(undefined, 'confluent-test');
  const setUp = async (t: TestContext) => {
    if (!installed) {
      t.skip(notInstalled);
      return undefined;
    }
    const factory = new ConfluentClientFactory({ brokers: cfg.kafka.brokers, clientId: 'confluent-test', logger: testLogger });
    const admin = new KafkajsClientFactory({ brokers: cfg.kafka.brokers, clientId: 'confluent-test-admin', logger: testLogger }).admin();
    await admin.connect();
    const topic = `${uniquePrefix()}confluent`;
    await admin.createTopics([{ name: topic, partitions: 3, configs: {} }]);
    t.after(() => admin.disconnect());
    return { factory, admin, topic, groupId: `confluent-${randomUUID().slice(0, 8)}` };
  };

  /** Keyed records, partitioned by murmur2 as EventProducer does. */
  const keyed = (n: number, tag: string): OutgoingRecord[] =>
    Array.from({ length: n }, (_, i) => {
      const key = `${tag}-${i}`;
      return { key, value: Buffer.from(`v-${key}`), headers: { 'event-id': `e-${key}`, multi: ['a', 'b'] }, partition: murmur2Partition(key, 3) };
    });

  it('returns for each record the offset a kafkajs consumer reads it at, also for concurrent sends', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const producer = env.factory.producer();
    await producer.connect();
    try {
      const batches = [keyed(40, 'a'), keyed(25, 'b'), keyed(1, 'c')];
      const positions = await Promise.all(batches.map((b) => producer.send(env.topic, b)));
      const sent = new Map<string, string>();
      batches.forEach((b, i) => b.forEach((r, j) => sent.set(`${positions[i]![j]!.partition}/${positions[i]![j]!.offset}`, String(r.key))));
      assert.equal(sent.size, 66, 'every record has its own position');
      for (const [i, b] of batches.entries()) for (const [j, r] of b.entries()) assert.equal(positions[i]![j]!.partition, r.partition);
      const read = await readTopic(cfg.kafka.brokers, env.topic, 66);
      assert.equal(read.length, 66);
      for (const r of read) {
        assert.equal(sent.get(`${r.partition}/${r.offset}`), r.key, `record at ${r.partition}/${r.offset}`);
        assert.equal(r.value?.toString(), `v-${r.key}`);
        assert.equal(r.headers['event-id'], `e-${r.key}`);
      }
    } finally {
      await producer.disconnect();
    }
  });

  it('consumes as a group member and commits each batch up to the last resolved record', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const producer = env.factory.producer();
    await producer.connect();
    await producer.send(env.topic, keyed(120, 'g'));
    await producer.disconnect();
    const consumer = env.factory.consumer({ groupId: env.groupId });
    const seen = new Map<string, { value: string; headers: unknown; timestamp: string }>();
    let batches = 0;
    await consumer.connect();
    await consumer.subscribe([env.topic], true);
    await consumer.run(
      async (batch) => {
        batches++;
        for (const r of batch.records) {
          seen.set(`${r.partition}/${r.offset}`, { value: r.value!.toString(), headers: r.headers, timestamp: r.timestamp });
          batch.resolveOffset(r.offset);
        }
        await batch.commit();
      },
      { partitionsConcurrently: 2 },
    );
    try {
      await waitFor('120 records consumed', () => seen.size >= 120);
      const ends = await env.admin.endOffsets(env.topic);
      await waitFor('commits at the end offsets', async () => {
        const committed = await env.admin.groupOffsets(env.groupId, env.topic);
        return [...ends].every(([p, end]) => committed.get(p) === end);
      });
      assert.ok(batches < 120, `${batches} batches for 120 records`);
      const first = [...seen.values()][0]!;
      assert.ok(Number(first.timestamp) > Date.now() - 600_000, 'timestamp in epoch millis');
      assert.deepEqual(
        Object.fromEntries(Object.entries(first.headers as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)])),
        { 'event-id': `e-${first.value.slice(2)}`, multi: ['a', 'b'] },
      );
    } finally {
      await consumer.disconnect();
    }
  });

  it('starts each partition at the offset a seek inside onAssignment gave, without waiting for a fetch in flight', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const producer = env.factory.producer();
    await producer.connect();
    await producer.send(env.topic, [0, 1, 2].flatMap((partition) => Array.from({ length: 10 }, (_, i) => ({ key: `p${partition}-${i}`, value: Buffer.from(String(i)), partition }))));
    await producer.disconnect();
    // The group has read everything, so a fetch from its committed offsets would sit at the
    // broker for the whole wait; a seek applied after the assignment would wait for it (10 s).
    await env.admin.setGroupOffsets(env.groupId, env.topic, [0, 1, 2].map((partition) => ({ partition, offset: '10' })));
    const factory = new ConfluentClientFactory({ brokers: cfg.kafka.brokers, clientId: 'confluent-test', logger: testLogger, consumerFetch: { maxWaitTimeInMs: 10_000 } });
    const consumer = factory.consumer({ groupId: env.groupId });
    const read = new Map<number, number[]>([[0, []], [1, []], [2, []]]);
    let assignedAt = 0;
    let firstAt = 0;
    await consumer.connect();
    consumer.onAssignment((assignment) => {
      assignedAt = Date.now();
      for (const a of assignment) for (const p of a.partitions) consumer.seek(a.topic, p, String(3 + p));
    });
    await consumer.subscribe([env.topic], true);
    await consumer.run(
      async (batch) => {
        firstAt ||= Date.now();
        for (const r of batch.records) {
          read.get(batch.partition)!.push(Number(r.offset));
          batch.resolveOffset(r.offset);
        }
      },
      { partitionsConcurrently: 1 },
    );
    try {
      await waitFor('the rest of each partition', () => [...read.values()].reduce((n, o) => n + o.length, 0) >= 7 + 6 + 5);
      const from = (start: number) => Array.from({ length: 10 - start }, (_, i) => start + i);
      assert.deepEqual(Object.fromEntries(read), { 0: from(3), 1: from(4), 2: from(5) });
      assert.ok(firstAt - assignedAt < 2000, `first record ${firstAt - assignedAt} ms after the assignment: the first fetch did not start at the seek`);
    } finally {
      await consumer.disconnect();
    }
  });

  it('with fromBeginning false, a new group starts at the end', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const producer = env.factory.producer();
    await producer.connect();
    t.after(() => producer.disconnect());
    await producer.send(env.topic, keyed(9, 'old'));
    const consumer = env.factory.consumer({ groupId: env.groupId });
    const keys: string[] = [];
    const joined = new Promise<void>((resolve) => consumer.onAssignment(() => resolve()));
    await consumer.connect();
    await consumer.subscribe([env.topic], false);
    await consumer.run(
      async (batch) => {
        for (const r of batch.records) {
          keys.push(String(r.key));
          batch.resolveOffset(r.offset);
        }
        await batch.commit();
      },
      { partitionsConcurrently: 1 },
    );
    try {
      await joined;
      // "latest" is looked up after the assignment: records written before that are skipped too,
      // so write new ones until they arrive.
      let n = 0;
      await waitFor('new records', async () => {
        if (keys.length === 0) await producer.send(env.topic, keyed(1, `new${n++}`));
        return keys.length > 0;
      });
      assert.deepEqual(keys.filter((k) => !k.startsWith('new')), [], 'nothing written before the group joined');
    } finally {
      await consumer.disconnect();
    }
  });

  it('with backgroundCommit, lands every offered commit before disconnect returns', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    await assertBackgroundCommitsLand(env.factory, env.admin, env.topic, env.groupId);
  });

  it('reports a librdkafka fatal error (a fenced static member) through onFatalCrash', async (t) => {
    const env = await setUp(t);
    if (!env) return;
    // Two members with one group.instance.id: the broker fences the older, which librdkafka
    // treats as fatal. The port has no option for it, so the config is amended on the way.
    const { KafkaJS } = loadConfluentModule();
    const real = new KafkaJS.Kafka({});
    const kafka: CkKafka = { producer: (c) => real.producer(c), consumer: (c) => real.consumer({ ...c, 'group.instance.id': `static-${env.groupId}` }) };
    const common = { brokers: cfg.kafka.brokers, clientId: 'confluent-fatal', logLevel: 1 as const };
    const member = () =>
      new ConfluentConsumerPort(kafka, common, testLogger, { groupId: env.groupId, sessionTimeoutMs: 10_000, backgroundCommit: false, fetch: defaultConfluentFetch, maxBatchSize: 100 });
    const older = member();
    const crashes: Error[] = [];
    older.onFatalCrash((e) => crashes.push(e));
    const joined = new Promise<void>((resolve) => older.onAssignment(() => resolve()));
    await older.connect();
    await older.subscribe([env.topic], true);
    await older.run(async () => undefined, { partitionsConcurrently: 1 });
    await joined;
    const newer = member();
    await newer.connect();
    await newer.subscribe([env.topic], true);
    await newer.run(async () => undefined, { partitionsConcurrently: 1 });
    try {
      await waitFor('the fenced member reports its fatal error', () => crashes.length > 0, 20_000);
      assert.ok(crashes[0] instanceof KafkaUnavailableError && /Fatal error/i.test(crashes[0].message), crashes[0]?.message);
    } finally {
      await Promise.allSettled([older.disconnect(), newer.disconnect()]);
    }
  });

  it('carries EventProducer and EventConsumer end to end (KAFKA_CLIENT=confluent through Platform)', async (t) => {
    if (!installed) return t.skip(notInstalled);
    const platformCfg = { ...testPlatformConfig(undefined, 'confluent-e2e'), kafka: { ...cfg.kafka, client: 'confluent' as const } };
    const topic = (await provision(platformCfg)).lifecycle.name;
    const platform = Platform.fromConfig(platformCfg, testLogger);
    assert.ok(platform.kafka instanceof LazyClientFactory, 'the confluent factory loads on first connect');
    t.after(() => platform.close());
    const shipment = `SHP-${randomUUID().slice(0, 8)}`;
    const events = Array.from({ length: 5 }, () => ({ eventType: 'PickCompleted' as const, event: pickCompletedEvent(shipment) }));
    const published = await (await platform.eventProducer()).publish(events);
    const groupId = `confluent-e2e-${randomUUID().slice(0, 8)}`;
    const handled: string[] = [];
    const consumer = new EventConsumer({
      name: 'confluent-e2e',
      consumer: platform.kafka.consumer({ groupId }),
      codec: platform.codec,
      topics: [topic],
      handlers: { PickCompleted: async (e) => void handled.push(e.envelope.eventId) },
      deadLetters: await platform.deadLetterPublisher('confluent-e2e'),
      retry: { maxAttempts: 1, minDelayMs: 1, maxDelayMs: 1 },
      logger: testLogger,
    });
    await consumer.start();
    try {
      await waitFor('5 events handled', () => handled.length >= 5);
      await waitForCaughtUp(platformCfg, groupId, topic, 20_000);
      assert.deepEqual(handled, events.map((e) => e.event.envelope.eventId), 'in publish order (one shipment, one partition)');
      assert.ok(consumer.hasJoinedGroup);
      const read = await readTopic(cfg.kafka.brokers, topic, 5);
      for (const p of published) assert.equal(read.find((r) => r.partition === p.partition && r.offset === p.offset)?.headers['event-id'], p.eventId);
    } finally {
      await consumer.stop();
    }
  });
});
