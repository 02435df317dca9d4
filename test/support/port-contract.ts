import assert from 'node:assert/strict';
import type { AdminPort, KafkaClientFactory } from '../../services/platform/kafka/kafka-port.ts';
import { waitFor } from './test-env.ts';

/**
 * The background-commit contract every ConsumerPort implementation keeps, on an existing
 * 3-partition `topic`: 90 records are handled with a commit offered after each one, and every
 * partition's committed offset is in place once `disconnect` returns.
 */
export async function assertBackgroundCommitsLand(factory: KafkaClientFactory, admin: AdminPort, topic: string, groupId: string): Promise<void> {
  const producer = factory.producer();
  await producer.connect();
  try {
    await producer.send(topic, Array.from({ length: 90 }, (_, i) => ({ key: `k${i}`, value: Buffer.from(`v${i}`), partition: i % 3 })));
  } finally {
    await producer.disconnect();
  }
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
}
