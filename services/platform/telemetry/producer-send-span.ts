import { context, propagation, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { OutgoingRecord, RecordHeaders } from '../kafka/kafka-port.ts';
import { tracingActive } from './active-tracing.ts';
import { eventAttributesFromHeaders } from './event-span-attributes.ts';
import { endSpanAfter } from './span-outcome.ts';

const tracer = trace.getTracer('logistics-event-backbone');

/**
 * Runs one send of the producer port (one or more records of a topic) under one PRODUCER span,
 * `send <topic>`, started in the caller's context: the span's context goes into every record's
 * `traceparent`, so each consumer's process span is its child, in the trace of whatever was
 * active (a webhook's server span, a replay). A send of several records is a batch send in the
 * OTel messaging conventions (`messaging.batch.message_count`); a single record's span names
 * its partition, key and event (`leb.*` from its headers, as the instrumentation's hook did).
 *
 * Why not the kafkajs instrumentation: it starts its spans and writes `traceparent` in the
 * context active when kafkajs is called, and the kafkajs port merges the sends of many callers
 * into one kafkajs call (kafka/serial-sender.ts), whose context is none of theirs. It stays
 * installed (consumers use its poll spans); the port calls kafkajs's own send under it
 * (telemetry/uninstrumented.ts), with tracing suppressed besides. Its span and header per
 * record also cost about 7 µs per event unsampled and 30 µs sampled (README, Benchmarks); one
 * span per send costs a bulk publish or a replay almost nothing per event.
 *
 * With tracing off, `send` runs untouched.
 */
export async function inSendSpan<T>(topic: string, records: OutgoingRecord[], send: () => Promise<T>): Promise<T> {
  if (!tracingActive()) return send();
  const attributes: Attributes = {
    'messaging.system': 'kafka',
    'messaging.destination.name': topic,
    'messaging.operation.type': 'send',
    'messaging.operation.name': 'send',
  };
  if (records.length === 1) {
    const r = records[0]!;
    attributes['messaging.destination.partition.id'] = String(r.partition);
    if (r.key !== null && r.key !== undefined) attributes['messaging.kafka.message.key'] = String(r.key);
  } else {
    attributes['messaging.batch.message_count'] = records.length;
  }
  const span = tracer.startSpan(`send ${topic}`, { kind: SpanKind.PRODUCER, attributes });
  // Unsampled spans record nothing: reading the headers for them would be work paid on every event.
  if (records.length === 1 && span.isRecording()) span.setAttributes(eventAttributesFromHeaders(records[0]!.headers));
  const ctx = trace.setSpan(context.active(), span);
  // One injection per send: every record carries the same context, as one shared Buffer per
  // header (the client copies bytes instead of UTF-8-encoding a string per record).
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  const injected = Object.entries(carrier).map(([name, value]) => [name, Buffer.from(value)] as const);
  for (const r of records) {
    const headers: RecordHeaders = r.headers ?? (r.headers = {});
    for (const [name, value] of injected) headers[name] = value;
  }
  // Suppressed: the instrumentation's spans are no-ops and its propagator injects nothing, so
  // the headers set above are what Kafka stores.
  return endSpanAfter(span, () => context.with(suppressTracing(ctx), send));
}
