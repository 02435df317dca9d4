import type { BackboneError } from '../errors/backbone-error.ts';
import type { IncomingRecord, ProducerPort, RecordHeaders, RecordPosition } from '../kafka/kafka-port.ts';
import { murmur2Partition } from '../kafka/murmur2-partitioner.ts';
import { deadLetters } from '../telemetry/metrics.ts';

/** Headers added to a dead-letter record, next to the original record's own headers. */
export const deadLetterHeaders = {
  errorCode: 'dlq-error-code',
  errorMessage: 'dlq-error-message',
  retriable: 'dlq-error-retriable',
  consumer: 'dlq-consumer',
  attempts: 'dlq-attempts',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  originalTimestamp: 'dlq-original-timestamp',
  failedAt: 'dlq-failed-at',
} as const;

/**
 * Writes records a consumer could not decode or process to the dead-letter topic: the original
 * key, value bytes and headers untouched, plus headers with the reason, the consumer, the
 * attempt count and where the record came from. Resolves after Kafka acknowledged the write,
 * so the caller may then commit past the original record without losing it.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly deps: { producer: ProducerPort; topic: string; partitions: number; consumer: string },
  ) {}

  async publish(record: IncomingRecord, error: BackboneError, attempts: number): Promise<RecordPosition> {
    const headers: RecordHeaders = {
      ...record.headers,
      [deadLetterHeaders.errorCode]: error.code,
      // Bounded: a message can embed a whole payload; the record keeps the bytes anyway.
      [deadLetterHeaders.errorMessage]: error.message.slice(0, 2000),
      [deadLetterHeaders.retriable]: String(error.retriable),
      [deadLetterHeaders.consumer]: this.deps.consumer,
      [deadLetterHeaders.attempts]: String(attempts),
      [deadLetterHeaders.originalTopic]: record.topic,
      [deadLetterHeaders.originalPartition]: String(record.partition),
      [deadLetterHeaders.originalOffset]: record.offset,
      [deadLetterHeaders.originalTimestamp]: record.timestamp,
      [deadLetterHeaders.failedAt]: new Date().toISOString(),
    };
    // Same key, so dead letters of one shipment stay in order for a redrive.
    const partition = record.key ? murmur2Partition(record.key, this.deps.partitions) : record.partition % this.deps.partitions;
    const [pos] = await this.deps.producer.send(this.deps.topic, [{ key: record.key, value: record.value, headers, partition }]);
    deadLetters.inc({ consumer: this.deps.consumer, code: error.code });
    return pos!;
  }
}
