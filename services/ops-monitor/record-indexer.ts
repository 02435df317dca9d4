import type { AvroEventCodec } from '../platform/codec/avro-codec.ts';
import { deadLetterHeaders } from '../platform/dlq/dead-letter-publisher.ts';
import { asBackboneError } from '../platform/errors/backbone-error.ts';
import type { Envelope } from '../platform/events/canonical-event.ts';
import type { IncomingRecord } from '../platform/kafka/kafka-port.ts';
import { retryHeaders, retryInfoOf } from '../platform/retry/retry-topic.ts';
import type { ObservedEvent } from '../platform/sla/sla-tracker.ts';
import type { TimelineEntry } from '../platform/timeline/timeline-store.ts';

/** The topics the monitor reads, by family. */
export interface MonitoredTopics {
  lifecycle: string;
  retry: string;
  deadLetter: string;
}

/** What one record contributes: a timeline entry, and for a decoded lifecycle event, the event for the SLA tracker. */
export interface IndexedRecord {
  entry: Omit<TimelineEntry, 'processedBy'>;
  event?: ObservedEvent;
}

const header = (r: IncomingRecord, name: string): string | undefined => {
  const v = r.headers[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : one.toString();
};

/** The trace id of a W3C `traceparent` header ("00-<trace id>-<span id>-<flags>"), if valid. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const m = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent?.trim().toLowerCase() ?? '');
  return m && !/^0+$/.test(m[1]!) ? m[1] : undefined;
}

/**
 * Turns a record of the lifecycle, retry or dead-letter topic into a timeline entry: retry and
 * dead-letter records carry the original bytes and headers, so they decode like the original,
 * plus the consumer and the reason. A record that cannot be decoded is still indexed (key,
 * coordinates, the decode error). Only retriable failures (registry unreachable) throw.
 */
export async function indexRecord(record: IncomingRecord, codec: AvroEventCodec, topics: MonitoredTopics): Promise<IndexedRecord> {
  const kind: TimelineEntry['kind'] = record.topic === topics.retry ? 'retry' : record.topic === topics.deadLetter ? 'dead-letter' : 'event';
  const retry = kind === 'retry' ? retryInfoOf(record) : undefined;
  const original = retry?.original ?? record;
  const recordTime = new Date(Number(record.timestamp));
  const base = {
    key: record.key?.toString() ?? '',
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    kind,
    recordTime,
    traceId: traceIdOf(header(original, 'traceparent')),
    ...(kind === 'retry' ? { consumer: retry?.consumer, reason: header(record, retryHeaders.reason) } : {}),
    ...(kind === 'dead-letter' ? { consumer: header(record, deadLetterHeaders.consumer), reason: deadLetterReason(record) } : {}),
  };
  let decoded;
  try {
    decoded = await codec.decode<{ envelope: Envelope }>(original.value);
  } catch (err) {
    const e = asBackboneError(err);
    if (e.retriable) throw e;
    const at = new Date(Number(original.timestamp));
    return { entry: { ...base, eventId: '', eventType: 'UNDECODABLE', source: '', occurredAt: at, recordedAt: at, error: `${e.code}: ${e.message}` } };
  }
  const env = decoded.event.envelope;
  const entry = {
    ...base,
    shipmentId: env.shipmentId ?? undefined,
    orderId: env.orderId ?? undefined,
    eventId: env.eventId,
    eventType: decoded.eventType,
    source: env.source.system,
    occurredAt: env.occurredAt,
    recordedAt: env.recordedAt,
    correlationId: env.correlationId,
  };
  return { entry, ...(kind === 'event' ? { event: { eventType: decoded.eventType, envelope: env, key: base.key } } : {}) };
}

function deadLetterReason(record: IncomingRecord): string | undefined {
  const code = header(record, deadLetterHeaders.errorCode);
  const message = header(record, deadLetterHeaders.errorMessage);
  if (!code) return undefined;
  return message ? `${code}: ${message.slice(0, 500)}` : code;
}
