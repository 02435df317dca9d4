/**
 * startProducerChild: the producer case's child processes against the real stack. R-child (a
 * raw kafkajs producer of pre-encoded events, BENCH_CHILD_RAW) writes to the topic it is given;
 * a B child publishes through EventProducer to the canonical topic. Both send exactly the
 * events they are told to, framed Avro with the backbone's headers, keyed by shipment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { startProducerChild, type ProducerChild } from '../../bench/producer-child-process.ts';
import { confluentModuleAvailable } from '../../services/platform/kafka/confluent-module.ts';
import { KafkajsClientFactory } from '../../services/platform/kafka/kafkajs-client.ts';
import { readTopic } from '../support/kafka-inspect.ts';
import { provision, recordCount, testLogger, testPlatformConfig } from '../support/test-env.ts';

const cfg = testPlatformConfig();
const rawTopic = `${cfg.topicPrefix}producer-r-child`;
const rcTopic = `${cfg.topicPrefix}producer-rc-child`;
const sizes = { prefix: cfg.topicPrefix, lines: 3, events: 300, batch: 50, partitions: 3, inFlight: 2, otel: {} };
const children: ProducerChild[] = [];
let lifecycleTopic = '';

describe('producer children', () => {
  before(async () => {
    lifecycleTopic = (await provision(cfg)).topicFor('PickCompleted').name;
    const admin = new KafkajsClientFactory({ brokers: cfg.kafka.brokers, clientId: 'test-bench', logger: testLogger }).admin();
    await admin.connect();
    try {
      for (const name of [rawTopic, rcTopic]) await admin.createTopics([{ name, partitions: 3, replicationFactor: 1, configs: {} }]);
    } finally {
      await admin.disconnect();
    }
  });
  after(() => children.forEach((c) => c.kill()));

  it('R-child sends its pre-encoded events to the given topic, untraced, and counts what it sent', async () => {
    const child = await startProducerChild({ ...sizes, name: 'R-child', rawTopic });
    children.push(child);
    assert.equal(child.tracing.enabled, false);
    await child.warm(100);
    const run = await child.run(100, 300);
    assert.equal(run.count, 200);
    assert.ok(run.eventsPerSec > 0 && run.cpuMicrosPerEvent > 0 && run.valueBytes > 5, JSON.stringify(run));
    assert.deepEqual(await child.exit(), { published: 300 });

    const records = await readTopic(cfg.kafka.brokers, rawTopic, 300);
    assert.equal(records.length, 300);
    assert.equal(new Set(records.map((r) => r.headers['event-id'])).size, 300, 'every event once');
    for (const r of records) {
      assert.equal(r.headers['event-type'], 'PickCompleted');
      assert.equal(r.key, r.headers['shipment-id']);
      // Confluent framing: magic byte 0, then the registry's schema id.
      assert.equal(r.value?.[0], 0);
      assert.equal(r.headers.traceparent, undefined, 'no tracing in R-child');
    }
  });

  it('a B child publishes through EventProducer to the canonical topic, nothing on the raw one', async () => {
    const before = await recordCount(cfg, rawTopic);
    const child = await startProducerChild({ ...sizes, name: 'B-off' });
    children.push(child);
    await child.warm(50);
    const run = await child.run(50, 150);
    assert.equal(run.count, 100);
    assert.deepEqual(await child.exit(), { published: 150 });
    const picks = await readTopic(cfg.kafka.brokers, lifecycleTopic, 150);
    assert.equal(picks.length, 150);
    assert.ok(picks.every((r) => r.headers['event-type'] === 'PickCompleted' && r.key === r.headers['shipment-id']));
    assert.equal(await recordCount(cfg, rawTopic), before);
  });

  it('with KAFKA_CLIENT=confluent, the raw child is Rc: the confluent port sends the same framed records', async (t: TestContext) => {
    if (!confluentModuleAvailable()) return t.skip('@confluentinc/kafka-javascript is not built here (npm run client:confluent)');
    const child = await startProducerChild({ ...sizes, name: 'Rc-child', rawTopic: rcTopic, otel: { KAFKA_CLIENT: 'confluent' } });
    children.push(child);
    await child.warm(100);
    assert.equal((await child.run(100, 200)).count, 100);
    assert.deepEqual(await child.exit(), { published: 200 });
    const records = await readTopic(cfg.kafka.brokers, rcTopic, 200);
    assert.equal(new Set(records.map((r) => r.headers['event-id'])).size, 200);
    assert.ok(records.every((r) => r.value?.[0] === 0 && r.key === r.headers['shipment-id']));
  });
});
