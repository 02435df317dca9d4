/**
 * Finds and loads @confluentinc/kafka-javascript (librdkafka bindings), which is not a regular
 * dependency: its native part builds from source for minutes, so the default
 * `npm install` stays pure JS. `npm run client:confluent` installs the pinned version into the
 * stack cache (see scripts/confluent-client.ts); only KAFKA_CLIENT=confluent loads it.
 *
 * The types below declare only the part of its KafkaJS-compatible API the backbone uses.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors/backbone-error.ts';

/** The pinned package version the installer builds and the client is written against. */
export const confluentClientVersion = '1.10.1';

/** The npm package name. */
export const confluentPackage = '@confluentinc/kafka-javascript';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The folder holding the installed package (a package.json and its node_modules):
 * LEB_CONFLUENT_CLIENT_DIR, else `<repo>/.stack/cache/confluent-kafka-javascript-<version>`.
 */
export function confluentClientDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.LEB_CONFLUENT_CLIENT_DIR?.trim();
  return fromEnv ? path.resolve(fromEnv) : path.join(repoRoot, '.stack', 'cache', `confluent-kafka-javascript-${confluentClientVersion}`);
}

/** The native addon a completed build leaves in `dir` (its presence alone does not prove it loads). */
export function confluentAddonFile(dir: string): string {
  return path.join(dir, 'node_modules', '@confluentinc', 'kafka-javascript', 'build', 'Release', 'confluent-kafka-javascript.node');
}

/** librdkafka's log/event severity levels as the compat layer numbers them. */
export type CkLogLevel = 0 | 1 | 2 | 3 | 4;

/** The logger shape the compat layer calls (kafkaJS.logger). */
export interface CkLogger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
  debug(message: string, extra?: Record<string, unknown>): void;
  setLogLevel(level: CkLogLevel): void;
  namespace(): CkLogger;
}

/** Header values as the compat layer takes and gives them. */
export type CkHeaders = Record<string, Buffer | string | Array<Buffer | string> | undefined>;

/** The kafkaJS block: options the compat layer maps onto librdkafka properties. */
export interface CkKafkaJsOptions {
  brokers?: string[];
  clientId?: string;
  logLevel?: CkLogLevel;
  logger?: CkLogger;
  connectionTimeout?: number;
  retry?: { initialRetryTime?: number; maxRetryTime?: number; retries?: number };
  // producer
  idempotent?: boolean;
  acks?: number;
  compression?: 'none';
  maxInFlightRequests?: number;
  transactionalId?: string;
  // consumer
  groupId?: string;
  fromBeginning?: boolean;
  autoCommit?: boolean;
  sessionTimeout?: number;
  heartbeatInterval?: number;
  allowAutoTopicCreation?: boolean;
  maxWaitTimeInMs?: number;
  minBytes?: number;
  maxBytes?: number;
  maxBytesPerPartition?: number;
}

/** A partition (with an offset when assigning from a position). */
export interface CkTopicPartition {
  topic: string;
  partition: number;
  offset?: number;
}

/** What the rebalance callback hears (librdkafka codes -175 assign, -174 revoke). */
export interface CkRebalanceEvent {
  code: number;
  message: string;
}

/**
 * librdkafka's `rebalance_cb` as the compat layer calls it, before it assigns: a returned
 * assignment (with offsets) replaces the one it would make.
 */
export type CkRebalanceCallback = (err: CkRebalanceEvent, assignment: CkTopicPartition[]) => Promise<CkTopicPartition[] | undefined>;

/** Client configuration: the kafkaJS block plus librdkafka properties by their own names. */
export interface CkConfig {
  kafkaJS?: CkKafkaJsOptions;
  rebalance_cb?: CkRebalanceCallback;
  [librdkafkaProperty: string]: string | number | boolean | CkKafkaJsOptions | CkRebalanceCallback | undefined;
}

/** A record to send. */
export interface CkOutgoingMessage {
  key: Buffer | string | null;
  value: Buffer | null;
  partition: number;
  headers?: CkHeaders;
}

/** One entry per partition written, with the lowest offset of this send's records there. */
export interface CkRecordMetadata {
  topicName: string;
  partition: number;
  errorCode: number;
  baseOffset?: string;
}

/** The compat producer. */
export interface CkProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(record: { topic: string; messages: CkOutgoingMessage[] }): Promise<CkRecordMetadata[]>;
}

/** A fetched record. */
export interface CkIncomingMessage {
  key: Buffer | null | undefined;
  value: Buffer | null;
  offset: string;
  timestamp: string;
  headers?: CkHeaders;
}

/** What eachBatch receives. */
export interface CkEachBatchPayload {
  batch: { topic: string; partition: number; messages: CkIncomingMessage[] };
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  isStale(): boolean;
}

/** A partition's next offset to read, as committed. */
export interface CkPartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** The compat consumer. */
export interface CkConsumer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(subscription: { topics: string[] }): Promise<void>;
  run(opts: { eachBatch: (payload: CkEachBatchPayload) => Promise<void>; eachBatchAutoResolve: boolean; partitionsConsumedConcurrently: number }): Promise<void>;
  commitOffsets(offsets: CkPartitionOffset[]): Promise<void>;
  seek(position: CkPartitionOffset): void;
  pause(topics: Array<{ topic: string; partitions: number[] }>): void;
  resume(topics: Array<{ topic: string; partitions: number[] }>): void;
}

/** The compat client factory. */
export interface CkKafka {
  producer(config: CkConfig): CkProducer;
  consumer(config: CkConfig): CkConsumer;
}

/** The loaded package, as far as the backbone uses it. */
export interface ConfluentModule {
  KafkaJS: { Kafka: new (config: CkConfig) => CkKafka };
  librdkafkaVersion: string;
  /** librdkafka's built-in features (e.g. ssl, sasl_scram, zstd). */
  features: string[];
}

/** Loaded modules by install folder. */
const loaded = new Map<string, ConfluentModule>();

function isConfluentModule(m: unknown): m is ConfluentModule {
  const kafkaJs = (m as { KafkaJS?: { Kafka?: unknown } } | null)?.KafkaJS;
  return typeof kafkaJs?.Kafka === 'function';
}

/**
 * Loads the package from {@link confluentClientDir}, else from the normal node_modules
 * resolution. Throws a ConfigError (path `kafka.client`) that says to run
 * `npm run client:confluent` when neither has it or it does not load (e.g. built for another
 * Node version).
 */
export function loadConfluentModule(env: NodeJS.ProcessEnv = process.env): ConfluentModule {
  const dir = confluentClientDir(env);
  const cached = loaded.get(dir);
  if (cached) return cached;
  const attempts: Array<{ from: string; require: NodeJS.Require }> = [];
  if (existsSync(path.join(dir, 'package.json'))) attempts.push({ from: dir, require: createRequire(path.join(dir, 'package.json')) });
  attempts.push({ from: 'node_modules', require: createRequire(import.meta.url) });
  const failures: string[] = [];
  for (const a of attempts) {
    try {
      const m: unknown = a.require(confluentPackage);
      if (isConfluentModule(m)) {
        loaded.set(dir, m);
        return m;
      }
      failures.push(`${a.from}: the package has no KafkaJS.Kafka export`);
    } catch (err) {
      failures.push(`${a.from}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  throw new ConfigError(
    `KAFKA_CLIENT=confluent needs ${confluentPackage} ${confluentClientVersion}, which is not installed or does not load ` +
      `(looked in ${dir}, then node_modules: ${failures.join('; ')}). Run "npm run client:confluent" to build it (a few minutes), ` +
      'or set KAFKA_CLIENT=kafkajs.',
    { path: 'kafka.client' },
  );
}

/** True when the package loads (for tests that skip without it). */
export function confluentModuleAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    loadConfluentModule(env);
    return true;
  } catch {
    return false;
  }
}
