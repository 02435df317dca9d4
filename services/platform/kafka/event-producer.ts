import type { AvroEventCodec } from '../codec/avro-codec.ts';
import { partitionKeyOf, type EventTypeName, type TypedEvent } from '../events/canonical-event.ts';
import type { Logger } from '../logging/logger.ts';
import { countProduced } from '../telemetry/producer-metrics.ts';
import { KafkaUnavailableError } from '../errors/backbone-error.ts';
import type { AdminPort, OutgoingRecord, ProducerPort, RecordHeaders, RecordPosition } from './kafka-port.ts';
import { murmur2Partition } from './murmur2-partitioner.ts';
import type { TopicCatalog } from './topic-catalog.ts';

/** Header names the backbone sets on every event record (values are UTF-8 strings). */
export const eventHeaders = {
  eventId: 'event-id',
  eventType: 'event-type',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  shipmentId: 'shipment-id',
  contentType: 'content-type',
} as const;

/** Where an event was stored. */
export interface PublishedEvent extends RecordPosition {
  eventId: string;
  eventType: EventTypeName;
  key: string;
}

/**
 * Publishes typed canonical events: encodes them against the registry, keys them by shipment,
 * picks the partition exactly as Kafka's Java client would, and resolves only after Kafka
 * acknowledged the write on all in-sync replicas (idempotent producer, acks=all).
 */
export class EventProducer {
  private readonly partitionCounts = new Map<string, Promise<number>>();

  constructor(
    private readonly deps: {
      producer: ProducerPort;
      admin: AdminPort;
      codec: AvroEventCodec;
      topics: TopicCatalog;
      logger: Logger;
      /** How long publish() waits for Kafka's acknowledgement before failing retriably (default 15 s; Infinity: no deadline). */
      ackTimeoutMs?: number;
    },
  ) {}

  private async sendWithDeadline(topic: string, records: OutgoingRecord[], ms: number): Promise<RecordPosition[]> {
    if (ms === Infinity) return this.deps.producer.send(topic, records);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new KafkaUnavailableError(`Kafka did not acknowledge the write to ${topic} within ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([this.deps.producer.send(topic, records), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private partitionCount(topic: string): Promise<number> {
    let n = this.partitionCounts.get(topic);
    if (!n) {
      n = this.deps.admin.partitionCounts([topic]).then((m) => {
        const c = m.get(topic);
        if (!c) throw new Error(`topic ${topic} does not exist: run "npm run topics:apply"`);
        return c;
      });
      this.partitionCounts.set(topic, n);
      n.catch(() => this.partitionCounts.delete(topic));
    }
    return n;
  }

  /**
   * Publishes events (in the given order per shipment). All events of one call that go to the
   * same topic are written in one request; the promise resolves after every write is acknowledged.
   * A deadline that passes fails the call retriably, but cannot recall a write already under way.
   */
  async publish(events: TypedEvent[], extraHeaders: RecordHeaders = {}, opts: { ackTimeoutMs?: number } = {}): Promise<PublishedEvent[]> {
    const byTopic = new Map<string, Array<{ index: number; e: TypedEvent }>>();
    events.forEach((e, index) => {
      const topic = this.deps.topics.topicFor(e.eventType).name;
      const list = byTopic.get(topic) ?? [];
      list.push({ index, e });
      byTopic.set(topic, list);
    });
    const out: PublishedEvent[] = new Array(events.length);
    await Promise.all(
      [...byTopic].map(async ([topic, items]) => {
        const count = await this.partitionCount(topic);
        const records = await Promise.all(
          items.map(async ({ e }) => {
            const env = e.event.envelope;
            const key = partitionKeyOf(env);
            const headers: RecordHeaders = {
              ...extraHeaders,
              [eventHeaders.eventId]: env.eventId,
              [eventHeaders.eventType]: e.eventType,
              [eventHeaders.correlationId]: env.correlationId,
              [eventHeaders.contentType]: 'application/vnd.apache.avro+binary',
            };
            if (env.causationId) headers[eventHeaders.causationId] = env.causationId;
            if (env.shipmentId) headers[eventHeaders.shipmentId] = env.shipmentId;
            return { key, value: await this.deps.codec.encode(e.eventType, e.event), headers, partition: murmur2Partition(key, count) };
          }),
        );
        const positions = await this.sendWithDeadline(topic, records, opts.ackTimeoutMs ?? this.deps.ackTimeoutMs ?? 15_000);
        positions.forEach((p, i) => {
          const { index, e } = items[i]!;
          out[index] = { ...p, eventId: e.event.envelope.eventId, eventType: e.eventType, key: records[i]!.key };
        });
      }),
    );
    countProduced(out);
    // Per-event log objects cost real time on the publish path; build them only when wanted.
    if (this.deps.logger.isLevelEnabled('debug')) {
      for (const p of out) {
        this.deps.logger.debug({ topic: p.topic, partition: p.partition, offset: p.offset, eventId: p.eventId, eventType: p.eventType }, 'event published');
      }
    }
    return out;
  }
}
