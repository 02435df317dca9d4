import type { IncomingRecord } from '../kafka/kafka-port.ts';
import { eventAge, eventsConsumed, eventTypeLabel, retries, type ConsumeOutcome, type RetryKind } from './metrics.ts';

/** Where a consumed record came from: its topic, and its headers when the type must be read from them. */
type RecordOrigin = Pick<IncomingRecord, 'topic'> & Partial<Pick<IncomingRecord, 'headers'>>;

const headerText = (r: RecordOrigin, name: string): string | undefined => {
  const v = r.headers?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : one.toString();
};

/**
 * One consumer's view of the metrics: what it did with each record, how old events were when
 * it took them, and its retries. Cheap to call on every record.
 */
export class ConsumerMetrics {
  constructor(private readonly consumer: string) {}

  /** Counts a record's outcome; the event type comes from the decoded event or the record's event-type header. */
  consumed(record: RecordOrigin, outcome: ConsumeOutcome, eventType?: string): void {
    eventsConsumed.inc({ consumer: this.consumer, topic: record.topic, event_type: eventTypeLabel(eventType ?? headerText(record, 'event-type')), outcome });
  }

  /** Observes now − occurredAt of a decoded event (ignored when it has no occurredAt). */
  age(eventType: string, event: unknown, now = Date.now()): void {
    const occurredAt = (event as { envelope?: { occurredAt?: unknown } } | undefined)?.envelope?.occurredAt;
    const at = occurredAt instanceof Date ? occurredAt.getTime() : typeof occurredAt === 'number' ? occurredAt : undefined;
    // A vendor clock ahead of ours gives a negative age: count it as 0 rather than drop it.
    if (at !== undefined && Number.isFinite(at)) eventAge.observe({ consumer: this.consumer, event_type: eventTypeLabel(eventType) }, Math.max(0, (now - at) / 1000));
  }

  /** Counts one retry of a kind. */
  retry(kind: RetryKind): void {
    retries.inc({ consumer: this.consumer, kind });
  }
}
