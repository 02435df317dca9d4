import { AvroEventCodec } from '../codec/avro-codec.ts';
import { RegistryClient } from '../codec/registry-client.ts';
import type { PlatformConfig } from '../config/load-config.ts';
import { EffectLedger } from '../dedup/effect-ledger.ts';
import { DeadLetterPublisher } from '../dlq/dead-letter-publisher.ts';
import { EventConsumer, type EventHandlers } from '../kafka/event-consumer.ts';
import { EventProducer } from '../kafka/event-producer.ts';
import type { AdminPort, KafkaClientFactory, ProducerPort } from '../kafka/kafka-port.ts';
import { KafkajsClientFactory, type KafkajsSettings } from '../kafka/kafkajs-client.ts';
import { LazyClientFactory } from '../kafka/lazy-client-factory.ts';
import { TopicCatalog } from '../kafka/topic-catalog.ts';
import type { Logger } from '../logging/logger.ts';
import { ParkingLot } from '../retry/parking-lot.ts';
import { defaultRetryPolicy, type RetryPolicy } from '../retry/retry-policy.ts';
import { RetryForwarder } from '../retry/retry-topic.ts';
import { loadEventSchemas, type EventSchema } from '../schemas/schema-catalog.ts';
import { StateStore } from '../state/state-store.ts';

/**
 * The factory of the configured client library (KAFKA_CLIENT). @confluentinc/kafka-javascript
 * is imported only when chosen, and only on the first connect(): fromConfig is synchronous and
 * a dynamic import is not, so a LazyClientFactory stands in until then. With kafkajs (the
 * default) the factory is the same KafkajsClientFactory as before, and nothing native loads.
 */
function kafkaClientFactory(config: PlatformConfig, logger: Logger): KafkaClientFactory {
  const settings: KafkajsSettings = { brokers: config.kafka.brokers, clientId: config.kafka.clientId, security: config.kafka.security, logger };
  if (config.kafka.client === 'confluent') return new LazyClientFactory(async () => new (await import('../kafka/confluent-client.ts')).ConfluentClientFactory(settings));
  return new KafkajsClientFactory(settings);
}

/**
 * The shared parts one service process needs, built from validated config: Kafka client
 * factory, registry client, codec over the canonical schemas and the topic catalog.
 * `fromConfig` builds; `close` releases what was connected.
 */
export class Platform {
  private constructor(
    readonly config: PlatformConfig,
    readonly logger: Logger,
    readonly kafka: KafkaClientFactory,
    readonly registry: RegistryClient,
    readonly schemas: Map<string, EventSchema>,
    readonly codec: AvroEventCodec,
    readonly topics: TopicCatalog,
  ) {}

  private readonly closers: Array<() => Promise<void>> = [];
  private store?: StateStore;

  /** Builds the platform for one service; nothing is connected yet. */
  static fromConfig(config: PlatformConfig, logger: Logger, opts: { kafka?: KafkaClientFactory } = {}): Platform {
    const kafka = opts.kafka ?? kafkaClientFactory(config, logger);
    const registry = new RegistryClient(config.registry.url);
    const schemas = loadEventSchemas();
    return new Platform(config, logger, kafka, registry, schemas, new AvroEventCodec(registry, schemas), TopicCatalog.load(config.topicPrefix));
  }

  /** A connected admin client, closed with the platform. */
  async admin(): Promise<AdminPort> {
    const admin = this.kafka.admin();
    await admin.connect();
    this.closers.push(() => admin.disconnect());
    return admin;
  }

  /** A connected idempotent producer, closed with the platform. */
  async producer(): Promise<ProducerPort> {
    const producer = this.kafka.producer();
    await producer.connect();
    this.closers.push(() => producer.disconnect());
    return producer;
  }

  /** A typed event producer over a fresh producer and admin client. */
  async eventProducer(): Promise<EventProducer> {
    const [producer, admin] = await Promise.all([this.producer(), this.admin()]);
    return new EventProducer({ producer, admin, codec: this.codec, topics: this.topics, logger: this.logger });
  }

  /** A dead-letter publisher for one consumer, writing to the declared dead-letter topic. */
  async deadLetterPublisher(consumer: string): Promise<DeadLetterPublisher> {
    const producer = await this.producer();
    const topic = this.topics.deadLetter;
    return new DeadLetterPublisher({ producer, topic: topic.name, partitions: topic.partitions, consumer });
  }

  /** The shared state store (one pool per process), closed with the platform. */
  stateStore(): StateStore {
    if (!this.store) {
      const store = new StateStore(this.config.stateStore.url);
      this.store = store;
      this.closers.unshift(() => store.close());
    }
    return this.store;
  }

  /**
   * A consumer bound to the canonical schemas with everything a production consumer needs:
   * contract check at start-up, idempotency ledger, in-place retries, the delayed-retry
   * topic with parking by key, back-pressure, dead letters. `fromConfig`-style: nothing
   * connects until `start()`.
   */
  async eventConsumer(opts: {
    name: string;
    groupId: string;
    handlers: EventHandlers;
    retry?: RetryPolicy;
    partitionsConcurrently?: number;
    rateLimit?: <T>(fn: () => Promise<T>) => Promise<T>;
    delayedRetry?: { horizonMs?: number; firstDelayMs?: number; breakerThreshold?: number };
  }): Promise<EventConsumer> {
    const store = this.stateStore();
    const [idempotency, parking, deadLetters, producer] = await Promise.all([
      EffectLedger.open(store),
      ParkingLot.open(store),
      this.deadLetterPublisher(opts.name),
      this.producer(),
    ]);
    const retryTopic = this.topics.retry;
    return new EventConsumer({
      name: opts.name,
      consumer: this.kafka.consumer({ groupId: opts.groupId }),
      groupId: opts.groupId,
      codec: this.codec,
      topics: [this.topics.lifecycle.name],
      handlers: opts.handlers,
      deadLetters,
      retry: opts.retry ?? defaultRetryPolicy,
      idempotency,
      contractRegistry: this.registry,
      logger: this.logger.child({ consumer: opts.name }),
      partitionsConcurrently: opts.partitionsConcurrently,
      rateLimit: opts.rateLimit,
      delayedRetry: {
        consumer: this.kafka.consumer({ groupId: `${opts.groupId}.retry` }),
        groupId: `${opts.groupId}.retry`,
        topic: retryTopic.name,
        forwarder: new RetryForwarder({ producer, topic: retryTopic.name, partitions: retryTopic.partitions, consumer: opts.name }),
        parking,
        ...opts.delayedRetry,
      },
    });
  }

  /** Disconnects every client this platform connected, newest first. */
  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
    this.closers.length = 0;
  }
}
