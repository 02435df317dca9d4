import { context, propagation, ROOT_CONTEXT, SpanKind, trace, type Attributes, type TextMapGetter } from '@opentelemetry/api';
import type { IncomingRecord, RecordHeaders } from '../kafka/kafka-port.ts';
import { tracingActive } from './active-tracing.ts';
import { endSpanAfter } from './span-outcome.ts';
import { eventAttributesFromEnvelope, eventAttributesFromHeaders } from './event-span-attributes.ts';

const tracer = trace.getTracer('logistics-event-backbone');

/** Reads W3C trace context (`traceparent`, `tracestate`, `baggage`) from Kafka headers, which may be Buffers. */
export const kafkaHeaderGetter: TextMapGetter<RecordHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const v = carrier[key];
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v.map((x) => x.toString()) : v.toString();
  },
};

/** Which consumer processes a record, for the span's attributes. */
export interface ConsumerIdentity {
  /** Consumer name (e.g. "erp-consumer"). */
  name: string;
  /** Its consumer group, when known. */
  group?: string;
}

/**
 * Runs one record's processing inside a CONSUMER "process" span whose parent is the producer's
 * context from the record's `traceparent` header, so everything the handler does (the
 * downstream HTTP call, a retry-topic or dead-letter write) belongs to the trace that began at
 * the webhook. The batch's "poll" span of the kafkajs instrumentation, active here, becomes a
 * link. Attributes follow the OTel messaging conventions plus leb.event.* from the headers.
 * With tracing off this is a plain call.
 */
export async function inRecordSpan<T>(record: IncomingRecord, consumer: ConsumerIdentity, fn: () => Promise<T>): Promise<T> {
  if (!tracingActive()) return fn();
  const parent = propagation.extract(ROOT_CONTEXT, record.headers, kafkaHeaderGetter);
  const poll = trace.getActiveSpan()?.spanContext();
  const attributes: Attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'messaging.destination.name': record.topic,
    'messaging.destination.partition.id': String(record.partition),
    'messaging.kafka.offset': Number(record.offset),
    ...(record.key ? { 'messaging.kafka.message.key': record.key.toString() } : {}),
    ...(consumer.group ? { 'messaging.consumer.group.name': consumer.group } : {}),
    'leb.consumer.name': consumer.name,
    ...eventAttributesFromHeaders(record.headers),
  };
  const span = tracer.startSpan(`process ${record.topic}`, { kind: SpanKind.CONSUMER, attributes, links: poll ? [{ context: poll }] : [] }, parent);
  return context.with(trace.setSpan(parent, span), () => endSpanAfter(span, fn));
}

/** Puts the decoded event's ids on the active span (the record's process span). */
export function annotateEventSpan(env: { eventId: string; correlationId?: string | null; shipmentId?: string | null }, eventType: string): void {
  if (!tracingActive()) return;
  trace.getActiveSpan()?.setAttributes(eventAttributesFromEnvelope(env, eventType));
}
