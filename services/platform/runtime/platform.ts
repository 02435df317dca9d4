import { AvroEventCodec } from '../codec/avro-codec.ts';
import { RegistryClient } from '../codec/registry-client.ts';
import type { PlatformConfig } from '../config/load-config.ts';
import { DeadLetterPublisher } from '../dlq/dead-letter-publisher.ts';
import { EventProducer } from '../kafka/event-producer.ts';
import type { AdminPort, KafkaClientFactory, ProducerPort } from '../kafka/kafka-port.ts';
import { KafkajsClientFactory } from '../kafka/kafkajs-client.ts';
import { TopicCatalog } from '../kafka/topic-catalog.ts';
import type { Logger } from '../logging/logger.ts';
import { loadEventSchemas, type EventSchema } from '../schemas/schema-catalog.ts';

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

  /** Builds the platform for one service; nothing is connected yet. */
  static fromConfig(config: PlatformConfig, logger: Logger, opts: { kafka?: KafkaClientFactory } = {}): Platform {
    const kafka = opts.kafka ?? new KafkajsClientFactory({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger });
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

  /** Disconnects every client this platform connected, newest first. */
  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
    this.closers.length = 0;
  }
}
