import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { OutgoingRecord, RecordHeaders } from '../kafka/kafka-port.ts';
import { tracingActive } from './active-tracing.ts';
import { endSpanAfter } from './span-outcome.ts';

const tracer = trace.getTracer('logistics-event-backbone');

/** Sends of fewer records than this keep the kafkajs instrumentation's span per record. */
export const batchSpanMinRecords = 2;

/**
 * Runs one produce request of several records under a single PRODUCER span, `send <topic>`
 * with `messaging.batch.message_count`, as the OTel messaging conventions allow for batch
 * sends: the span's context goes into every record's `traceparent`, so each consumer's
 * process span is a child of it, in the trace of whatever was active (a webhook's server span,
 * a replay). The kafkajs instrumentation stays installed but is suppressed for this request:
 * its span and header per record cost about 7 µs per event even when not sampled, and a
 * sampled span about 30 µs (see README, Benchmarks), which is what a bulk publish, a replay or
 * a backfill cannot afford at full rate.
 *
 * A single record, or tracing off, goes through `send` untouched (with tracing on, the
 * instrumentation's own per-record span and `traceparent`).
 */
export async function inBatchSendSpan<T>(topic: string, records: OutgoingRecord[], send: () => Promise<T>): Promise<T> {
  if (!tracingActive() || records.length < batchSpanMinRecords) return send();
  const span = tracer.startSpan(`send ${topic}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.destination.name': topic,
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'send',
      'messaging.batch.message_count': records.length,
    },
  });
  const ctx = trace.setSpan(context.active(), span);
  // One injection for the whole request: every record carries the same context, as one
  // shared Buffer per header (the client copies bytes instead of UTF-8-encoding a string per record).
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  const injected = Object.entries(carrier).map(([name, value]) => [name, Buffer.from(value)] as const);
  for (const r of records) {
    const headers: RecordHeaders = r.headers ?? (r.headers = {});
    for (const [name, value] of injected) headers[name] = value;
  }
  // Suppressed: the instrumentation's spans are no-ops and its propagator injects nothing,
  // so the headers set above are what Kafka stores.
  return endSpanAfter(span, () => context.with(suppressTracing(ctx), send));
}
