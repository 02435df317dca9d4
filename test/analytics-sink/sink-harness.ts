/** Shared set-up of the analytics sink tests: a sink on its own temp store, unique group, counting helpers. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { AnalyticsSinkConfig } from '../../services/analytics-sink/analytics-config.ts';
import { AnalyticsStore } from '../../services/analytics-sink/analytics-store.ts';
import type { PlatformConfig } from '../../services/platform/config/load-config.ts';
import { testLogger } from '../support/test-env.ts';

/** Sink settings on a fresh temp folder and a unique consumer group, HTTP off unless asked. */
export function sinkConfig(platform: PlatformConfig, overrides: Partial<AnalyticsSinkConfig> = {}): AnalyticsSinkConfig {
  const dir = mkdtempSync(path.join(tmpdir(), 'leb-analytics-'));
  return {
    dbPath: path.join(dir, 'store.duckdb'),
    groupId: `analytics-${randomUUID().slice(0, 8)}`,
    exportDir: path.join(dir, 'export'),
    host: '127.0.0.1',
    httpPort: -1,
    // The broker's minimum: a killed sink's partitions come back quickly.
    sessionTimeoutMs: 6000,
    platform,
    ...overrides,
  };
}

/** Runs `fn` on the store file opened read-only (the sink must be stopped). */
export async function withStore<T>(dbPath: string, fn: (store: AnalyticsStore) => Promise<T>): Promise<T> {
  const store = await AnalyticsStore.open({ dbPath, logger: testLogger, readOnly: true });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A single number from a query such as `SELECT count(*) AS n ...`. */
export async function scalar(store: AnalyticsStore, sql: string): Promise<number> {
  const r = await store.query(sql);
  return Number(Object.values(r.rows[0] ?? {})[0]);
}

/** Moves a (memberless) group's committed offsets on every partition of `topic` to `to`. */
export async function setGroupOffsets(platform: PlatformConfig, groupId: string, topic: string, to: 'earliest' | 'latest'): Promise<void> {
  const admin = new Kafka({ brokers: platform.kafka.brokers, clientId: 'test-offsets', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: to === 'earliest' ? o.low : o.high })) });
  } finally {
    await admin.disconnect();
  }
}

/** End offsets of a topic as `topic#partition` → next offset, the shape of the sink's stored offsets. */
export async function endOffsets(platform: PlatformConfig, topic: string): Promise<Map<string, bigint>> {
  const admin = new Kafka({ brokers: platform.kafka.brokers, clientId: 'test-ends', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.filter((o) => o.high !== '0').map((o) => [`${topic}#${o.partition}`, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
}
