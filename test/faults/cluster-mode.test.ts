import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { LocalStack } from '../../scripts/stack/local-stack.ts';
import { KafkajsClientFactory } from '../../services/platform/kafka/kafkajs-client.ts';
import { applyTopics, TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { testLogger, uniquePrefix, waitFor } from '../support/test-env.ts';

/**
 * The three-node cluster mode (LEB_KAFKA_BROKERS_COUNT=3) on the fault stack: topics follow the
 * cluster (replication factor 3, min.insync.replicas 2), and an acks=all producer keeps working
 * when the leader's node is SIGKILLed; the node rejoins after `start()`.
 */
describe('three-node Kafka cluster mode', { timeout: 420_000 }, () => {
  const stack = new LocalStack(undefined, () => undefined);
  // Whatever happens, the next fault test finds every node running.
  after(() => stack.start());

  it('replicates topics three ways and survives the loss of a leader', async () => {
    await stack.start();
    const status = await stack.status();
    assert.deepEqual(status.map((s) => [s.name, s.ready]), [['kafka-1', true], ['kafka-2', true], ['kafka-3', true], ['registry', true], ['postgres', true]]);
    const brokers = stack.endpoints.kafkaBrokers.split(',');
    assert.equal(brokers.length, 3, `KAFKA_BROKERS lists every node: ${stack.endpoints.kafkaBrokers}`);

    // Topic application follows the cluster's size.
    const admin = new KafkajsClientFactory({ brokers, clientId: 'cluster-test', logger: testLogger }).admin();
    await admin.connect();
    const catalog = TopicCatalog.load(uniquePrefix());
    const report = await applyTopics(admin, catalog).finally(() => admin.disconnect());
    assert.deepEqual(report.replication, { brokers: 3, replicationFactor: 3, minInsyncReplicas: 2 });
    const topic = catalog.lifecycle.name;

    const kafka = new Kafka({ brokers, clientId: 'cluster-test', logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 200, maxRetryTime: 2000 } });
    const raw = kafka.admin();
    await raw.connect();
    try {
      const meta = await raw.fetchTopicMetadata({ topics: [topic, 'kafkasql-journal'] });
      for (const t of meta.topics) for (const p of t.partitions) assert.equal(p.replicas.length, 3, `${t.name}[${p.partitionId}] has 3 replicas`);
      const configs = await raw.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic, configNames: ['min.insync.replicas'] }] });
      assert.equal(configs.resources[0]?.configEntries[0]?.configValue, '2');

      // An acks=all producer writes to partition 0 while its leader's node is SIGKILLed.
      const leaderOf = async () => (await raw.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions.find((p) => p.partitionId === 0)!;
      const before = await leaderOf();
      const producer = kafka.producer({ idempotent: true, retry: { retries: 30, initialRetryTime: 200, maxRetryTime: 2000 } });
      await producer.connect();
      let acked = 0;
      const send = async (n: number) => {
        await producer.send({ topic, acks: -1, timeout: 30_000, messages: [{ partition: 0, key: `k-${n}`, value: `v-${n}` }] });
        acked += 1;
      };
      for (let i = 0; i < 20; i++) await send(i);
      await stack.stopComponent(`kafka-${before.leader}`, 'SIGKILL');
      const killedAt = Date.now();
      for (let i = 20; i < 60; i++) await send(i);
      const stall = Date.now() - killedAt;
      await producer.disconnect();
      assert.equal(acked, 60, 'every acks=all write was acknowledged despite the kill');
      const moved = await leaderOf();
      assert.notEqual(moved.leader, before.leader, 'the partition has a new leader');
      assert.ok(!moved.isr.includes(before.leader), 'the killed node left the ISR');
      assert.ok(moved.isr.length >= 2, 'still min.insync.replicas in sync');

      // Nothing acknowledged is lost: all 60 records are on the new leader.
      const [end] = await raw.fetchTopicOffsets(topic).then((o) => o.filter((p) => p.partition === 0));
      assert.equal(end?.offset, '60');

      // The killed node comes back and catches up.
      assert.equal(await stack.start(), true, 'start() restarts the killed node');
      await waitFor('the killed node to rejoin the ISR', async () => (await leaderOf()).isr.includes(before.leader), 90_000);
      const again = await stack.status();
      assert.ok(again.every((s) => s.ready), JSON.stringify(again));
      console.log(`# leader ${before.leader} -> ${moved.leader}; writes stalled ${stall} ms across the kill`);
    } finally {
      await raw.disconnect();
      await sleep(0);
    }
  });
});
