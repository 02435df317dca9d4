import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { BackboneError } from '../errors/backbone-error.ts';

/** A webhook whose signature is missing, wrong or too old. Never retriable: answer 401. */
export class SignatureError extends BackboneError {
  constructor(message: string, cause?: unknown) {
    super('SIGNATURE_INVALID', message, { retriable: false, cause });
  }
}

/**
 * Verifies Standard Webhooks signatures (HMAC-SHA256 over `id.timestamp.body`, constant-time
 * comparison, timestamps older or newer than 5 minutes refused) with the standardwebhooks
 * library. One secret per source; the secret never leaves this object.
 */
export class WebhookSignatureVerifier {
  private readonly webhook: Webhook;

  /** `secret`: "whsec_" + base64 key, as Standard Webhooks senders hand it out. */
  constructor(secret: string) {
    this.webhook = new Webhook(secret);
  }

  /** Throws SignatureError naming what is wrong; returns the verified webhook id. */
  verify(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): string {
    const h = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const id = h('webhook-id');
    const timestamp = h('webhook-timestamp');
    const signature = h('webhook-signature');
    const missing = [!id && 'webhook-id', !timestamp && 'webhook-timestamp', !signature && 'webhook-signature'].filter(Boolean);
    if (missing.length > 0) throw new SignatureError(`missing signature header(s): ${missing.join(', ')}`);
    try {
      // Parsing is the caller's job, so malformed JSON gets its own 400 after the signature passed.
      this.webhook.verify(rawBody, { 'webhook-id': id!, 'webhook-timestamp': timestamp!, 'webhook-signature': signature! }, { jsonParse: false });
      return id!;
    } catch (err) {
      if (err instanceof WebhookVerificationError) throw new SignatureError(`webhook signature rejected: ${err.message}`, err);
      throw err;
    }
  }

  /** Signs a body as a sender would (used by tests, the demo and outbound webhooks). */
  sign(id: string, timestamp: Date, rawBody: string | Buffer): Record<string, string> {
    return {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': this.webhook.sign(id, timestamp, rawBody),
    };
  }
}
