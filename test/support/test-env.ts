/**
 * Shared test set-up: every test file talks to the real local stack (started by `npm test`),
 * and isolates itself with a unique topic prefix and unique consumer groups.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { platformConfigFromEnv, type PlatformConfig } from '../../services/platform/config/load-config.ts';
import { KafkajsClientFactory } from '../../services/platform/kafka/kafkajs-client.ts';
import { applyTopics, TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { createLogger, type Logger } from '../../services/platform/logging/logger.ts';
import { RegistryClient } from '../../services/platform/codec/registry-client.ts';
import { loadEventSchemas } from '../../services/platform/schemas/schema-catalog.ts';
import { uniquePrefix } from './test-prefix.ts';

/** Quiet logs unless TEST_LOG_LEVEL says otherwise. */
export const testLogger: Logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');

/** A topic prefix no other test run uses (its form: test-prefix.ts). */
export { uniquePrefix };

/** Shared platform settings pointing at the test stack, with a unique topic prefix. */
export function testPlatformConfig(prefix = uniquePrefix(), clientId = 'test'): PlatformConfig {
  return { ...platformConfigFromEnv(process.env, clientId), topicPrefix: prefix, logLevel: (process.env.TEST_LOG_LEVEL as PlatformConfig['logLevel']) ?? 'silent' };
}

/** Creates the declared topics under `prefix` and registers the canonical schemas (both idempotent). */
export async function provision(cfg: PlatformConfig): Promise<TopicCatalog> {
  const admin = new KafkajsClientFactory({ brokers: cfg.kafka.brokers, clientId: 'test-provision', logger: testLogger }).admin();
  await admin.connect();
  const catalog = TopicCatalog.load(cfg.topicPrefix);
  try {
    await applyTopics(admin, catalog);
  } finally {
    await admin.disconnect();
  }
  const registry = new RegistryClient(cfg.registry.url);
  for (const s of loadEventSchemas().values()) await registry.register(s.fullName, s.schema);
  return catalog;
}

/** Polls until `probe` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Total records written to a topic (sum of end offsets; topics start empty). */
export async function recordCount(cfg: PlatformConfig, topic: string): Promise<number> {
  const admin = new KafkajsClientFactory({ brokers: cfg.kafka.brokers, clientId: 'test-count', logger: testLogger }).admin();
  await admin.connect();
  try {
    const ends = await admin.endOffsets(topic);
    return [...ends.values()].reduce((n, o) => n + Number(o), 0);
  } finally {
    await admin.disconnect();
  }
}
