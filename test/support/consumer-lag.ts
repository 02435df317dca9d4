import { Kafka, logLevel } from 'kafkajs';
import type { PlatformConfig } from '../../services/platform/config/load-config.ts';
import { waitFor } from './test-env.ts';

/**
 * Waits until a consumer group has committed every record of a topic (committed offset = end
 * offset on every partition): it has read, and skipped or processed, all of it.
 */
export async function waitForCaughtUp(cfg: PlatformConfig, groupId: string, topic: string, timeoutMs = 30_000): Promise<void> {
  const admin = new Kafka({ brokers: cfg.kafka.brokers, clientId: 'test-lag', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await waitFor(`${groupId} caught up on ${topic}`, async () => {
      const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
      return ends.every((e) => committed!.partitions.find((p) => p.partition === e.partition)?.offset === e.offset || e.offset === '0');
    }, timeoutMs);
  } finally {
    await admin.disconnect();
  }
}
