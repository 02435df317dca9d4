import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { KafkajsClientFactory } from '../../../services/platform/kafka/kafkajs-client.ts';
import { assertBackgroundCommitsLand } from '../../support/port-contract.ts';
import { testLogger, testPlatformConfig, uniquePrefix } from '../../support/test-env.ts';

describe('kafkajs ConsumerPort with backgroundCommit against the real broker', () => {
  it('commits every handled batch off the processing path, and everything before disconnect returns', async () => {
    const cfg = testPlatformConfig();
    const factory = new KafkajsClientFactory({ brokers: cfg.kafka.brokers, clientId: 'bg-commit-test', logger: testLogger });
    const admin = factory.admin();
    await admin.connect();
    const topic = `${uniquePrefix()}bg-commit`;
    const groupId = `bg-commit-${randomUUID().slice(0, 8)}`;
    try {
      await admin.createTopics([{ name: topic, partitions: 3, configs: {} }]);
      await assertBackgroundCommitsLand(factory, admin, topic, groupId);
    } finally {
      await admin.disconnect();
    }
  });
});
