/**
 * The benchmark's environment: the local stack (started when not running), a unique topic
 * prefix (`bench-<uuid>.`), the declared topics created under it, the canonical schemas
 * registered, and the knobs read from the environment.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { LocalStack } from '../scripts/stack/local-stack.ts';
import { stackPaths } from '../scripts/stack/stack-config.ts';
import { platformConfigFromEnv, type PlatformConfig } from '../services/platform/config/load-config.ts';
import { RegistryClient } from '../services/platform/codec/registry-client.ts';
import { KafkajsClientFactory } from '../services/platform/kafka/kafkajs-client.ts';
import type { AdminPort } from '../services/platform/kafka/kafka-port.ts';
import { applyTopics, TopicCatalog } from '../services/platform/kafka/topic-catalog.ts';
import { createLogger, type Logger } from '../services/platform/logging/logger.ts';
import { Platform } from '../services/platform/runtime/platform.ts';
import { loadEventSchemas } from '../services/platform/schemas/schema-catalog.ts';

/** Benchmark sizes, from the environment (or `--name=value` flags mapped onto it by run.ts). */
export interface BenchSettings {
  /** Events per producer run (and the e2e and ingest cases' event pool). */
  events: number;
  /**
   * Records per consumer run, on each of the two source topics. Larger than `events`: a
   * 20,000-record run lasts about 0.3 s, the same order as one full collection of the bench
   * process's heap, which either falls into a run or not.
   */
  consumerEvents: number;
  repeats: number;
  /**
   * Events per producer chunk: each repeat runs R and every B in turn, one chunk of this many
   * events each, until each has sent `events`, so a load spike on the machine falls on all of
   * them alike instead of on whichever ran during it.
   */
  producerChunk: number;
  /** Records per produce request for R and B (J batches by batch.size/linger.ms). */
  batch: number;
  /** Produce requests in flight at once for R and B. */
  inFlight: number;
  partitions: number;
  /** Partitions a consumer (R and B alike) processes at once (kafkajs partitionsConsumedConcurrently). */
  concurrency: number;
  e2eSeconds: number;
  e2eRate: number;
  /** E2E consumers' (R and B) fetch minBytes and maxWaitTimeInMs: see e2e-latency.ts. */
  e2eMinBytes: number;
  e2eMaxWaitMs: number;
  ingestSeconds: number;
  ingestConnections: number;
  codecIterations: number;
  /** Distinct events per type the codec case cycles through (each its own shipment, ids, times). */
  codecVariants: number;
  /** Which cases to run (comma list of producer,consumer,e2e,ingest,codec). */
  cases: Set<string>;
}

function num(env: NodeJS.ProcessEnv, name: string, dflt: number): number {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${v}"`);
  return n;
}

/** Reads BENCH_* variables (defaults keep a full run under ~5 minutes on 2 cores). */
export function benchSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    events: num(env, 'BENCH_EVENTS', 20_000),
    consumerEvents: num(env, 'BENCH_CONSUMER_EVENTS', 100_000),
    repeats: num(env, 'BENCH_REPEATS', 5),
    producerChunk: num(env, 'BENCH_PRODUCER_CHUNK', 2_000),
    batch: num(env, 'BENCH_BATCH', 100),
    inFlight: num(env, 'BENCH_IN_FLIGHT', 4),
    partitions: num(env, 'BENCH_PARTITIONS', 6),
    concurrency: num(env, 'BENCH_CONSUMER_CONCURRENCY', 1),
    e2eSeconds: num(env, 'BENCH_E2E_SECONDS', 10),
    e2eRate: num(env, 'BENCH_E2E_RATE', 1000),
    e2eMinBytes: num(env, 'BENCH_E2E_MIN_BYTES', 16_384),
    e2eMaxWaitMs: num(env, 'BENCH_E2E_MAX_WAIT_MS', 5),
    ingestSeconds: num(env, 'BENCH_INGEST_SECONDS', 5),
    ingestConnections: num(env, 'BENCH_INGEST_CONNECTIONS', 16),
    codecIterations: num(env, 'BENCH_CODEC_ITERATIONS', 100_000),
    codecVariants: num(env, 'BENCH_CODEC_VARIANTS', 256),
    cases: new Set((env.BENCH_CASES ?? 'producer,consumer,e2e,ingest,codec').split(',').map((s) => s.trim()).filter(Boolean)),
  };
}

/** Everything the cases share. */
export interface BenchEnv {
  settings: BenchSettings;
  stack: LocalStack;
  /** Where the stack's Kafka jars are (`.stack/cache/kafka-<v>/libs`). */
  kafkaLibs: string;
  prefix: string;
  config: PlatformConfig;
  logger: Logger;
  platform: Platform;
  catalog: TopicCatalog;
  admin: AdminPort;
  /** A raw kafkajs client on the same brokers (the R side). */
  rawKafka: Kafka;
  /** Creates an extra topic under the bench prefix. */
  createTopic(suffix: string, partitions: number): Promise<string>;
  close(): Promise<void>;
}

/** A raw kafkajs client (R's side of the bench) on `brokers`, its logging off. */
export function rawKafkaClient(brokers: string[], clientId = 'bench-raw'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
}

/** Starts the stack if needed, creates the bench topics and registers the schemas. */
export async function openBenchEnv(settings: BenchSettings): Promise<BenchEnv> {
  const stack = new LocalStack();
  await stack.start();
  const prefix = `bench-${randomUUID().slice(0, 8)}.`;
  const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'silent');
  const config: PlatformConfig = { ...platformConfigFromEnv(process.env, 'bench'), topicPrefix: prefix, logLevel: 'silent' };
  const factory = new KafkajsClientFactory({ brokers: config.kafka.brokers, clientId: 'bench-admin', logger });
  const admin = factory.admin();
  await admin.connect();
  const catalog = TopicCatalog.load(prefix);
  await applyTopics(admin, catalog);
  const registry = new RegistryClient(config.registry.url);
  for (const s of loadEventSchemas().values()) await registry.register(s.fullName, s.schema);
  const platform = Platform.fromConfig(config, logger);
  const rawKafka = rawKafkaClient(config.kafka.brokers);
  const { kafkaLibs } = stackPaths(stack.config);
  return {
    settings,
    stack,
    kafkaLibs,
    prefix,
    config,
    logger,
    platform,
    catalog,
    admin,
    rawKafka,
    async createTopic(suffix: string, partitions: number) {
      const name = `${prefix}${suffix}`;
      await admin.createTopics([{ name, partitions, replicationFactor: 1, configs: {} }]);
      return name;
    },
    async close() {
      await platform.close();
      await admin.disconnect();
      // The bench's topics hold ~100 MB per run; drop them unless BENCH_KEEP_TOPICS=1.
      if (process.env.BENCH_KEEP_TOPICS !== '1') await deleteTopicsWithPrefix(rawKafka, prefix);
    },
  };
}

/** Deletes every topic whose name starts with `prefix` (the bench's own topics only). */
export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<number> {
  if (!/^bench-[0-9a-f]{8}\./.test(prefix)) throw new Error(`refusing to delete topics under "${prefix}": not a bench prefix`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 30_000 });
    return topics.length;
  } finally {
    await admin.disconnect();
  }
}
