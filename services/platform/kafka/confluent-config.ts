/**
 * The @confluentinc/kafka-javascript client configurations of the backbone: the compat
 * layer's `kafkaJS` block where it maps an option faithfully, librdkafka properties by their
 * own names where it does not (TLS, SASL, fetch sizes). Pure functions, so they are checked
 * without the native addon.
 */
import type { KafkaSecurity } from '../config/kafka-security-config.ts';
import type { CkConfig, CkKafkaJsOptions, CkLogger, CkLogLevel, CkRebalanceCallback } from './confluent-module.ts';
import { defaultConsumerFetch, type ConsumerFetchSettings } from './kafkajs-client.ts';

/**
 * librdkafka's TLS and SASL properties for validated security settings (empty for plaintext).
 * Set directly rather than through the kafkaJS block, whose `ssl` takes only a boolean.
 * Without a CA, librdkafka verifies against OpenSSL's default (system) CAs.
 */
export function librdkafkaSecurity(security: KafkaSecurity | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const sasl = security?.sasl;
  const ssl = security?.ssl;
  if (sasl) out['security.protocol'] = ssl ? 'sasl_ssl' : 'sasl_plaintext';
  else if (ssl) out['security.protocol'] = 'ssl';
  if (sasl) {
    out['sasl.mechanisms'] = sasl.mechanism.toUpperCase();
    out['sasl.username'] = sasl.username;
    out['sasl.password'] = sasl.password;
  }
  if (ssl?.ca) out['ssl.ca.pem'] = ssl.ca;
  return out;
}

/**
 * librdkafka's fetch properties for the backbone's fetch settings (same meaning, same
 * defaults as kafkajs; see ConsumerFetchSettings). The per-partition limit is also written
 * under its alias `fetch.message.max.bytes`: the compat layer sets that alias to its own
 * kafkajs `maxBytes` default (10 MiB), which would otherwise override the limit.
 */
export function librdkafkaFetch(fetch: ConsumerFetchSettings): Record<string, number> {
  return {
    'fetch.wait.max.ms': fetch.maxWaitTimeInMs,
    'fetch.min.bytes': fetch.minBytes,
    'fetch.max.bytes': fetch.maxBytes,
    'max.partition.fetch.bytes': fetch.maxBytesPerPartition,
    'fetch.message.max.bytes': fetch.maxBytesPerPartition,
  };
}

/**
 * The fetch defaults: the kafkajs port's (see ConsumerFetchSettings), except `maxWaitTimeInMs`
 * 500 and `maxBytesPerPartition` 1 MiB, which are librdkafka's own. librdkafka keeps a fetch in
 * flight while batches are handled, and a seek (also the compat layer's own, back to the first
 * unresolved record of a batch that stopped early) waits for it: on a quiet partition the
 * broker holds that fetch this long. With kafkajs's 5000 a redelivery waited 5 s; kafkajs
 * fetches only between batches and has no such wait. For the same reason librdkafka does not
 * need the kafkajs port's larger per-partition fetch: its next fetch is already on its way.
 */
export const defaultConfluentFetch: ConsumerFetchSettings = { ...defaultConsumerFetch, maxWaitTimeInMs: 500, maxBytesPerPartition: 1024 * 1024 };

/** What every client of one factory shares. */
export interface ConfluentCommon {
  brokers: string[];
  clientId: string;
  security?: KafkaSecurity;
  logLevel: CkLogLevel;
}

function kafkaJsCommon(common: ConfluentCommon, logger: CkLogger): CkKafkaJsOptions {
  return {
    brokers: common.brokers,
    clientId: common.clientId,
    logLevel: common.logLevel,
    logger,
    connectionTimeout: 3000,
    // librdkafka's reconnect and request backoff (retry.backoff.ms / retry.backoff.max.ms), as kafkajs-client's retry.
    retry: { initialRetryTime: 300, maxRetryTime: 5000 },
  };
}

/**
 * The idempotent, acks=all producer. Settings that differ from the compat layer's defaults:
 * - `retries` 2^31-1 (the compat layer sets 5): an idempotent producer must not give up on its
 *   own, as in kafkajs-client; `message.timeout.ms` (librdkafka's 5 min) bounds a record, and
 *   callers bound their wait (EventProducer's ackTimeoutMs).
 * - `linger.ms` 1 (librdkafka's default 5): a send() hands all its records to librdkafka at
 *   once, so they share requests without lingering; the linger only gathers the records of
 *   concurrent sends (single-event webhooks), and 5 ms on every acknowledgement would be
 *   latency kafkajs (no linger) does not have.
 * - `compression` none, `acks` -1, `idempotent`, `maxInFlightRequests` 5 as kafkajs-client.
 * The partition is the caller's (murmur2, like the Java client), so librdkafka's partitioner is unused.
 */
export function producerConfig(common: ConfluentCommon, logger: CkLogger, transactionalId?: string): CkConfig {
  return {
    kafkaJS: {
      ...kafkaJsCommon(common, logger),
      idempotent: true,
      acks: -1,
      compression: 'none',
      maxInFlightRequests: 5,
      ...(transactionalId ? { transactionalId } : {}),
      retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: 2_147_483_647 },
    },
    'linger.ms': 1,
    ...librdkafkaSecurity(common.security),
  };
}

/**
 * Records per eachBatch call (the compat layer's `js.consumer.max.batch.size`, default 32).
 * kafkajs hands over whatever one fetch returned for a partition (up to its maxBytesPerPartition,
 * about 8,000 of the ~500-byte events), and EventConsumer commits once per batch: 32-record
 * batches would mean a commit round trip per 32 records. 1,000 keeps commits rare without the
 * compat layer's unbounded mode (-1), whose batches are whatever librdkafka has queued (up to
 * 64 MiB per partition).
 */
export const defaultMaxBatchSize = 1000;

/** A group member with explicit commits; see ConfluentClientFactory.consumer. */
export function consumerConfig(
  common: ConfluentCommon,
  logger: CkLogger,
  opts: { groupId: string; sessionTimeoutMs: number; fromBeginning: boolean; fetch: ConsumerFetchSettings; maxBatchSize: number; rebalance: CkRebalanceCallback },
): CkConfig {
  return {
    kafkaJS: {
      ...kafkaJsCommon(common, logger),
      groupId: opts.groupId,
      // librdkafka fixes auto.offset.reset when the client is created (see ConfluentConsumerPort.subscribe).
      fromBeginning: opts.fromBeginning,
      autoCommit: false,
      sessionTimeout: opts.sessionTimeoutMs,
      heartbeatInterval: 3000,
      allowAutoTopicCreation: false,
    },
    ...librdkafkaFetch(opts.fetch),
    'js.consumer.max.batch.size': opts.maxBatchSize,
    rebalance_cb: opts.rebalance,
    ...librdkafkaSecurity(common.security),
  };
}
