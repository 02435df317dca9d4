import { WebhookSignatureVerifier } from '../../services/platform/http/webhook-signature.ts';
import { testWebhookSecret } from './wms-client.ts';

/** Posts a raw body (JSON or EDI text) to any adapter endpoint, signed Standard Webhooks style. */
export async function postSigned(url: string, raw: string, contentType: string, webhookId = `msg_${Date.now()}`): Promise<{ status: number; json: any }> {
  const headers = new WebhookSignatureVerifier(testWebhookSecret).sign(webhookId, new Date(), raw);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: raw });
  const text = await res.text();
  try {
    return { status: res.status, json: JSON.parse(text) };
  } catch {
    return { status: res.status, json: text };
  }
}
