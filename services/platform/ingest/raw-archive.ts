import type { IncomingRecord, ProducerPort, RecordHeaders, RecordPosition } from '../kafka/kafka-port.ts';
import { murmur2Partition } from '../kafka/murmur2-partitioner.ts';
import type { TopicCatalog } from '../kafka/topic-catalog.ts';
import type { Delivery } from './webhook-ingress.ts';

/** Header names of a raw archive record: the receipt metadata of a vendor delivery. */
export const rawHeaders = {
  sourceKind: 'raw-source-kind',
  sourceSystem: 'raw-source-system',
  endpoint: 'raw-endpoint',
  kind: 'raw-kind',
  vendorEventId: 'raw-vendor-event-id',
  webhookId: 'raw-webhook-id',
  contentType: 'raw-content-type',
  receivedAt: 'raw-received-at',
  correlationId: 'correlation-id',
} as const;

/** The archive key of a delivery: the same key as its de-duplication entry. */
export function deliveryKey(d: Pick<Delivery, 'source' | 'vendorEventId'>): string {
  return `${d.source.system}/${d.vendorEventId}`;
}

/**
 * Keeps every accepted raw vendor delivery, byte for byte, on the raw topic of its source
 * kind, so canonical events can be regenerated after a mapping bug is fixed.
 */
export class RawArchive {
  constructor(
    private readonly producer: ProducerPort,
    private readonly topics: TopicCatalog,
  ) {}

  /** Writes one delivery; resolves after Kafka acknowledged it. */
  async archive(d: Delivery): Promise<RecordPosition> {
    const topic = this.topics.rawArchiveFor(d.source.kind);
    const headers: RecordHeaders = {
      [rawHeaders.sourceKind]: d.source.kind,
      [rawHeaders.sourceSystem]: d.source.system,
      [rawHeaders.endpoint]: d.endpoint,
      [rawHeaders.kind]: d.kind,
      [rawHeaders.vendorEventId]: d.vendorEventId,
      [rawHeaders.webhookId]: d.webhookId,
      [rawHeaders.contentType]: d.contentType,
      [rawHeaders.receivedAt]: d.receivedAt.toISOString(),
    };
    if (d.correlationId) headers[rawHeaders.correlationId] = d.correlationId;
    const key = deliveryKey(d);
    const [pos] = await this.producer.send(topic.name, [{ key, value: d.raw, headers, partition: murmur2Partition(key, topic.partitions) }]);
    return pos!;
  }
}

/** Reads a raw archive record back into the delivery it was made from. */
export function deliveryFromRecord(r: IncomingRecord): Delivery {
  const h = (name: string) => {
    const v = r.headers[name];
    const one = Array.isArray(v) ? v[0] : v;
    return one === undefined ? undefined : one.toString();
  };
  return {
    source: { kind: h(rawHeaders.sourceKind) as Delivery['source']['kind'], system: h(rawHeaders.sourceSystem) ?? '' },
    endpoint: h(rawHeaders.endpoint) ?? '',
    kind: h(rawHeaders.kind) ?? '',
    vendorEventId: h(rawHeaders.vendorEventId) ?? '',
    correlationId: h(rawHeaders.correlationId),
    webhookId: h(rawHeaders.webhookId) ?? '',
    contentType: h(rawHeaders.contentType) ?? '',
    raw: r.value ?? Buffer.alloc(0),
    receivedAt: new Date(h(rawHeaders.receivedAt) ?? Number(r.timestamp)),
  };
}
