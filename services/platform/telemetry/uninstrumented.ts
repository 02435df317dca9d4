/**
 * The method an OpenTelemetry instrumentation wrapped, as it was before: `fn` itself when
 * nothing wrapped it. Instrumentations wrap with shimmer, which keeps the original function
 * on the wrapper as `__original` (the property `isWrapped` of @opentelemetry/instrumentation
 * checks).
 *
 * For a call the backbone traces itself: the kafkajs producer port gives each send its own
 * span (producer-send-span.ts) and suppresses the kafkajs instrumentation for the merged
 * Kafka request, but a suppressed wrapper still starts a no-op span, builds its attributes
 * and a metrics closure for every record before it calls kafkajs. Calling the original skips
 * that per-record work; nothing else changes, since suppressed, it adds no span or header.
 */
export function uninstrumented<F extends (...args: never[]) => unknown>(fn: F): F {
  const original = (fn as F & { __original?: unknown }).__original;
  return typeof original === 'function' ? (original as F) : fn;
}
