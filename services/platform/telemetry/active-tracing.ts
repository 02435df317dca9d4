import { isSpanContextValid, trace } from '@opentelemetry/api';

let active = false;

/** Marks this process as tracing (called once the SDK started). */
export function markTracingActive(): void {
  active = true;
}

/**
 * True once the tracing SDK runs in this process. Code on hot paths checks this first, so
 * with tracing off it neither creates spans nor touches headers.
 */
export function tracingActive(): boolean {
  return active;
}

/** trace_id and span_id of the active span, for log lines; empty outside a span. */
export function activeTraceFields(): { trace_id?: string; span_id?: string } {
  const ctx = trace.getActiveSpan()?.spanContext();
  return ctx && isSpanContextValid(ctx) ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {};
}
