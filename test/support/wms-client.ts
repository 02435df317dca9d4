import { WebhookSignatureVerifier } from '../../services/platform/http/webhook-signature.ts';

/** A test secret (Standard Webhooks form). */
export const testWebhookSecret = `whsec_${Buffer.from('test-secret-for-wms-adapter').toString('base64')}`;

/** Posts a body to the WMS adapter, signed as the WMS would sign it unless told otherwise. */
export async function postWms(
  baseUrl: string,
  body: unknown,
  opts: { raw?: string; secret?: string; timestamp?: Date; headers?: Record<string, string>; unsigned?: boolean } = {},
): Promise<{ status: number; json: any; headers: Headers }> {
  const raw = opts.raw ?? JSON.stringify(body);
  const id = `msg_${(body as { eventId?: string })?.eventId ?? 'raw'}`;
  const signed = opts.unsigned ? {} : new WebhookSignatureVerifier(opts.secret ?? testWebhookSecret).sign(id, opts.timestamp ?? new Date(), raw);
  const res = await fetch(`${baseUrl}/webhooks/wms/v1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed, ...opts.headers },
    body: raw,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}
