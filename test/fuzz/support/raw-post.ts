/**
 * The battery's HTTP client: posts exact bytes with exact headers (signed, unsigned or signed
 * wrongly by the caller), always under a deadline, so a hanging adapter fails the case
 * instead of the run.
 */
import { WebhookSignatureVerifier } from '../../../services/platform/http/webhook-signature.ts';
import { testWebhookSecret } from '../../support/wms-client.ts';

/** What came back: status, media type, and the body parsed as JSON when it is JSON. */
export interface RawResponse {
  status: number;
  contentType: string;
  json: any;
  text: string;
}

/** Deadline of one request: generous, because the CPU is shared; a hang still fails. */
export const requestDeadlineMs = 20_000;

/** Posts `body` to `url` with exactly `headers`; a ReadableStream body is sent chunked (no Content-Length). */
export async function rawPost(url: string, body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string>): Promise<RawResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(requestDeadlineMs),
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', json, text };
}

/** Standard Webhooks headers for `body`, signed with the adapters' test secret (or `secret`). */
export function signedHeaders(webhookId: string, body: Uint8Array, opts: { secret?: string; at?: Date } = {}): Record<string, string> {
  return new WebhookSignatureVerifier(opts.secret ?? testWebhookSecret).sign(webhookId, opts.at ?? new Date(), Buffer.from(body));
}

/** Posts bytes signed with the test secret, with a content type. */
export function postSignedBytes(url: string, body: Uint8Array, contentType: string, webhookId: string, extra: Record<string, string> = {}): Promise<RawResponse> {
  return rawPost(url, body, { 'content-type': contentType, ...signedHeaders(webhookId, body), ...extra });
}
