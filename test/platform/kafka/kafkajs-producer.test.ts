/**
 * The kafkajs producer port against the real broker: concurrent sends merged into one call at
 * a time still hand each caller its own records' positions; a write the broker refuses fails
 * at once and only its own sends; a closed producer refuses sends and writes nothing. (Retries
 * across a broker outage: test/platform/ingest/broker-outage.test.ts and the fault suite.)
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { BackboneError } from '../../../services/platform/errors/backbone-error.ts';
import type { OutgoingRecord } from '../../../services/platform/kafka/kafka-port.ts';
import { KafkajsClientFactory } from '../../../services/platform/kafka/kafkajs-client.ts';
import { murmur2Partition } from '../../../services/platform/kafka/murmur2-partitioner.ts';
import { readTopic } from '../../support/kafka-inspect.ts';
import { recordCount, testLogger, testPlatformConfig, uniquePrefix } from '../../support/test-env.ts';

describe('kafkajs producer port against the real broker', () => {
  const cfg = testPlatformConfig(undefined, 'kafkajs-producer-test');
  const factory = new KafkajsClientFactory({ brokers: cfg.kafka.brokers, clientId: 'kafkajs-producer-test', logger: testLogger });

  const topicOf = async (t: TestContext, configs: Record<string, string> = {}) => {
    const admin = factory.admin();
    await admin.connect();
    const topic = `${uniquePrefix()}producer`;
    await admin.createTopics([{ name: topic, partitions: 3, configs }]);
    await admin.disconnect();
    const producer = factory.producer();
    await producer.connect();
    t.after(() => producer.disconnect());
    return { topic, producer };
  };

  const keyed = (n: number, tag: string, size = 16): OutgoingRecord[] =>
    Array.from({ length: n }, (_, i) => {
      const key = `${tag}-${i}`;
      return { key, value: Buffer.from(`v-${key}`.padEnd(size, '.')), headers: { 'event-id': `e-${key}` }, partition: murmur2Partition(key, 3) };
    });

  it('hands each of many concurrent sends the positions a consumer reads its records at', async (t) => {
    const { topic, producer } = await topicOf(t);
    const batches = Array.from({ length: 30 }, (_, i) => keyed(1 + (i % 7) * 5, `s${i}`));
    const total = batches.reduce((n, b) => n + b.length, 0);
    const positions = await Promise.all(batches.map((b) => producer.send(topic, b)));
    const sent = new Map<string, string>();
    batches.forEach((b, i) => b.forEach((r, j) => sent.set(`${positions[i]![j]!.partition}/${positions[i]![j]!.offset}`, String(r.key))));
    assert.equal(sent.size, total, 'every record has its own position');
    const read = await readTopic(cfg.kafka.brokers, topic, total);
    assert.equal(read.length, total);
    for (const r of read) assert.equal(sent.get(`${r.partition}/${r.offset}`), r.key, `record at ${r.partition}/${r.offset}`);
  });

  it('fails at once only the send the broker refuses, not retrying it, and goes on writing', async (t) => {
    const { topic, producer } = await topicOf(t, { 'max.message.bytes': '2048' });
    const started = Date.now();
    await assert.rejects(producer.send(topic, keyed(1, 'big', 8192)), (e: BackboneError) => e.code === 'KAFKA_REJECTED' && !e.retriable);
    assert.ok(Date.now() - started < 10_000, 'refused without a retry loop');
    const [pos] = await producer.send(topic, keyed(1, 'small'));
    assert.ok(pos, 'the next send is written');
    assert.equal(await recordCount(cfg, topic), 1, 'only the small record is in the topic');
  });

  it('refuses sends once closed and writes nothing of them', async (t) => {
    const { topic, producer } = await topicOf(t);
    await producer.send(topic, keyed(2, 'before'));
    await producer.disconnect();
    await assert.rejects(producer.send(topic, keyed(2, 'after')), (e: BackboneError) => e.code === 'KAFKA_UNAVAILABLE' && e.retriable);
    assert.equal(await recordCount(cfg, topic), 2);
  });
});
