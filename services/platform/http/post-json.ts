import { DownstreamError } from '../errors/backbone-error.ts';
import { tracedFetch } from '../telemetry/traced-fetch.ts';
import { observeDownstream } from '../telemetry/downstream-metrics.ts';

/** A downstream's answer to a JSON POST. */
export interface JsonAnswer {
  status: number;
  headers: Headers;
  /** The parsed body; {} when it was empty or not JSON (callers check the fields they need). */
  json: Record<string, unknown>;
}

/**
 * POSTs JSON to a downstream system (ERP, CRM, ...) with a timeout and the caller's
 * cancellation. Answers that are 2xx or listed in `accept` come back; every other outcome is a
 * DownstreamError: retriable for connection errors, timeouts, 408, 429 and 5xx (with the
 * downstream's Retry-After), final for other 4xx.
 */
export function postJson(system: string, url: string, opts: PostJsonOptions): Promise<JsonAnswer> {
  return observeDownstream(system, () => post(system, url, opts));
}

/** Options of postJson. */
export interface PostJsonOptions {
  body: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  accept?: number[];
}

async function post(system: string, url: string, opts: PostJsonOptions): Promise<JsonAnswer> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const what = `${system.toUpperCase()} call POST ${new URL(url).pathname}`;
  let res: Response;
  let text: string;
  try {
    res = await tracedFetch(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...opts.headers },
        body: JSON.stringify(opts.body),
        signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
      },
      system,
    );
    text = await res.text();
  } catch (err) {
    throw new DownstreamError(system, `${what} failed: ${(err as Error).message}`, { cause: err });
  }
  if (!res.ok && !(opts.accept ?? []).includes(res.status)) {
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new DownstreamError(system, `${what} answered ${res.status}: ${text.slice(0, 300)}`, {
      status: res.status,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    });
  }
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // A 2xx without a JSON body still means the downstream took the call.
  }
  return { status: res.status, headers: res.headers, json };
}
