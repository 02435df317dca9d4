import { randomUUID } from 'node:crypto';
import { ErpConsumer, type ErpConsumerConfig } from '../../services/erp-consumer/erp-consumer.ts';
import type { PlatformConfig } from '../../services/platform/config/load-config.ts';
import { testLogger } from './test-env.ts';

/** Starts an ERP consumer against the test stack with test-friendly timings. */
export async function startErpConsumer(platform: PlatformConfig, erpBaseUrl: string, overrides: Partial<ErpConsumerConfig> = {}): Promise<ErpConsumer> {
  const consumer = ErpConsumer.fromConfig(
    {
      groupId: `erp-${randomUUID().slice(0, 8)}`,
      erpBaseUrl,
      erpTimeoutMs: 5000,
      host: '127.0.0.1',
      healthPort: -1,
      maxConcurrency: 2,
      ratePerSecond: 200,
      retryDelayMs: 500,
      retryAttempts: 2,
      platform,
      ...overrides,
    },
    testLogger,
  );
  await consumer.start();
  return consumer;
}
