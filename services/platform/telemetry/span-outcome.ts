import { SpanStatusCode, type Span } from '@opentelemetry/api';

/** Awaits `work`, marks `span` failed with the exception when it throws, and ends the span either way. */
export async function endSpanAfter<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}
