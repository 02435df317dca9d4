import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { KafkajsClientFactory } from '../../../services/platform/kafka/kafkajs-client.ts';
import { testLogger, testPlatformConfig, uniquePrefix, waitFor } from '../../support/test-env.ts';

describe('kafkajs ConsumerPort with backgroundCommit against the real broker', () => {
  it('commits every handled batch off the processing path, and everything before disconnect returns', async () => {
    const cfg = testPlatformConfig();
    const factory = new KafkajsClientFactory({ brokers: cfg.kafka.brokers, clientId: 'bg-commit-test', logger: testLogger });
    const admin = factory.admin();
    const producer = factory.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    const topic = `${uniquePrefix()}bg-commit`;
    const groupId = `bg-commit-${randomUUID().slice(0, 8)}`;
    try {
      await admin.createTopics([{ name: topic, partitions: 3, configs: {} }]);
      const records = Array.from({ length: 90 }, (_, i) => ({ key: `k${i}`, value: Buffer.from(`v${i}`), partition: i % 3 }));
      await producer.send(topic, records);
      const consumer = factory.consumer({ groupId, backgroundCommit: true });
      let seen = 0;
      await consumer.connect();
      await consumer.subscribe([topic], true);
      await consumer.run(
        async (batch) => {
          for (const r of batch.records) {
            seen++;
            batch.resolveOffset(r.offset);
            // Returns without a round trip: a commit per record costs nothing on the fetch loop.
            await batch.commit();
          }
        },
        { partitionsConcurrently: 1 },
      );
      await waitFor('all records handled', () => seen >= 90);
      await consumer.disconnect();
      const committed = await admin.groupOffsets(groupId, topic);
      assert.deepEqual([...committed.entries()].sort(), [[0, '30'], [1, '30'], [2, '30']]);
    } finally {
      await Promise.all([producer.disconnect(), admin.disconnect()]);
    }
  });
});
