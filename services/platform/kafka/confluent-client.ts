import type { KafkaSecurity } from '../config/kafka-security-config.ts';
import type { Logger } from '../logging/logger.ts';
import { defaultConfluentFetch, defaultMaxBatchSize, producerConfig, type ConfluentCommon } from './confluent-config.ts';
import { ConfluentConsumerPort } from './confluent-consumer.ts';
import { confluentLogger, confluentLogLevel } from './confluent-logger.ts';
import { loadConfluentModule, type CkKafka } from './confluent-module.ts';
import type { AdminPort, ConsumerPort, KafkaClientFactory, OutgoingRecord, ProducerPort, RecordPosition } from './kafka-port.ts';
import { positionsFromBaseOffsets, wrapKafkaError } from './record-positions.ts';
import { inSendSpan } from '../telemetry/producer-send-span.ts';
import { KafkajsClientFactory, type ConsumerFetchSettings } from './kafkajs-client.ts';

/** Connection settings for @confluentinc/kafka-javascript (as KafkajsSettings, plus the batch size). */
export interface ConfluentSettings {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** SASL login and TLS; plaintext when absent. */
  security?: KafkaSecurity;
  /** Consumer fetch settings; each defaults to defaultConfluentFetch (librdkafka's wait and per-partition size, the kafkajs port's otherwise). */
  consumerFetch?: Partial<ConsumerFetchSettings>;
  /** Most records per eachBatch call (default defaultMaxBatchSize). */
  consumerMaxBatchSize?: number;
}

/**
 * The KafkaClientFactory over @confluentinc/kafka-javascript (librdkafka) through its
 * KafkaJS-compatible API, an opt-in alternative to KafkajsClientFactory (KAFKA_CLIENT=confluent)
 * with the same behaviour behind the port, so the two can be measured side by side. The
 * package is loaded (and must have been built: `npm run client:confluent`) when the factory is
 * constructed. See ConfluentConsumerPort for where the consumer differs.
 *
 * `admin()` is kafkajs's, over the same settings: the compat admin client has no alterConfigs,
 * describeConfigs, setOffsets, describeCluster or createAcls, all of which AdminPort needs.
 */
export class ConfluentClientFactory implements KafkaClientFactory {
  private readonly kafka: CkKafka;
  private readonly common: ConfluentCommon;
  private readonly fetch: ConsumerFetchSettings;
  private readonly maxBatchSize: number;
  private readonly logger: Logger;
  private readonly admins: KafkajsClientFactory;

  constructor(settings: ConfluentSettings) {
    const { KafkaJS } = loadConfluentModule();
    this.common = { brokers: settings.brokers, clientId: settings.clientId, security: settings.security, logLevel: confluentLogLevel(settings.logger.level) };
    // Everything lives in each client's own config (the compat layer merges this one in).
    this.kafka = new KafkaJS.Kafka({});
    this.fetch = { ...defaultConfluentFetch, ...settings.consumerFetch };
    this.maxBatchSize = settings.consumerMaxBatchSize ?? defaultMaxBatchSize;
    this.logger = settings.logger;
    this.admins = new KafkajsClientFactory({ brokers: settings.brokers, clientId: settings.clientId, logger: settings.logger, security: settings.security });
  }

  producer(opts: { transactionalId?: string } = {}): ProducerPort {
    const producer = this.kafka.producer(producerConfig(this.common, confluentLogger(this.logger), opts.transactionalId));
    return {
      connect: () => producer.connect().catch((e) => wrapKafkaError('producer connect', e)),
      disconnect: () => producer.disconnect(),
      send: (topic: string, records: OutgoingRecord[]): Promise<RecordPosition[]> => inSendSpan(topic, records, async () => {
        try {
          // librdkafka reports every record's offset, but the compat layer returns one entry per
          // partition with the lowest: one send() queues its records back to back (one
          // synchronous loop), so a partition's records follow each other from that offset.
          const meta = await producer.send({
            topic,
            messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers, partition: r.partition })),
          });
          return positionsFromBaseOffsets(topic, records, meta);
        } catch (e) {
          return wrapKafkaError(`write to ${topic}`, e);
        }
      }),
    };
  }

  /**
   * A group member with autoCommit off; `sessionTimeoutMs` defaults to 15 s as in
   * kafkajs-client (a dead member is noticed after that long; Kafka's floor is 6 s).
   */
  consumer(opts: { groupId: string; sessionTimeoutMs?: number; backgroundCommit?: boolean }): ConsumerPort {
    return new ConfluentConsumerPort(this.kafka, this.common, this.logger, {
      groupId: opts.groupId,
      sessionTimeoutMs: opts.sessionTimeoutMs ?? 15_000,
      backgroundCommit: opts.backgroundCommit ?? false,
      fetch: this.fetch,
      maxBatchSize: this.maxBatchSize,
    });
  }

  admin(): AdminPort {
    return this.admins.admin();
  }
}
