import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { tracingActive } from './active-tracing.ts';

const tracer = trace.getTracer('logistics-event-backbone');

/**
 * `fetch` with a CLIENT span and W3C trace context (`traceparent`) in the request headers.
 * The http instrumentation does not see `fetch` (undici), and no undici instrumentation is
 * installed, so downstream calls are traced here, with the HTTP semantic-convention
 * attributes. With tracing off this is exactly `fetch`: no span, no extra header.
 */
export async function tracedFetch(url: string, init: RequestInit & { method: string; headers: Record<string, string> }, peerService?: string): Promise<Response> {
  if (!tracingActive()) return fetch(url, init);
  const u = new URL(url);
  const span = tracer.startSpan(init.method, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': init.method,
      'url.full': `${u.origin}${u.pathname}`,
      'server.address': u.hostname,
      'server.port': Number(u.port || (u.protocol === 'https:' ? 443 : 80)),
      ...(peerService ? { 'peer.service': peerService } : {}),
    },
  });
  const ctx = trace.setSpan(context.active(), span);
  const headers = { ...init.headers };
  propagation.inject(ctx, headers);
  try {
    const res = await context.with(ctx, () => fetch(url, { ...init, headers }));
    span.setAttribute('http.response.status_code', res.status);
    if (res.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
    return res;
  } catch (err) {
    span.setAttribute('error.type', (err as Error).name);
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}
