import { createHmac, timingSafeEqual } from 'node:crypto';
import { BackboneError } from '../errors/backbone-error.ts';

/** A webhook whose signature is missing, wrong or too old. Never retriable: answer 401. */
export class SignatureError extends BackboneError {
  constructor(message: string, cause?: unknown) {
    super('SIGNATURE_INVALID', message, { retriable: false, cause });
  }
}

/** Standard Webhooks' tolerance for the sender's clock, either way. */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Verifies Standard Webhooks signatures (HMAC-SHA256 over `id.timestamp.body`, constant-time
 * comparison, timestamps older or newer than 5 minutes refused). The HMAC covers the body's
 * exact bytes: the standardwebhooks library signs `body.toString()`, which maps every invalid
 * UTF-8 sequence to U+FFFD, so bodies differing only there shared a signature (a tampered
 * byte passed). For valid UTF-8 bodies both agree. One secret per source; the secret never
 * leaves this object.
 */
export class WebhookSignatureVerifier {
  private readonly key: Buffer;

  /** `secret`: "whsec_" + base64 key, as Standard Webhooks senders hand it out. */
  constructor(secret: string) {
    this.key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
    if (this.key.length === 0) throw new Error("webhook secret can't be empty");
  }

  private signature(id: string, timestampSeconds: number, rawBody: Buffer): string {
    return createHmac('sha256', this.key).update(`${id}.${timestampSeconds}.`, 'utf8').update(rawBody).digest('base64');
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
    // Parsing is the caller's job, so malformed JSON gets its own 400 after the signature passed.
    const seconds = /^\d{1,15}$/.test(timestamp!) ? Number(timestamp) : NaN;
    if (Number.isNaN(seconds)) throw new SignatureError(`webhook signature rejected: timestamp ${JSON.stringify(timestamp!.slice(0, 40))} is not whole seconds since the epoch`);
    const now = Math.floor(Date.now() / 1000);
    if (now - seconds > TOLERANCE_SECONDS) throw new SignatureError('webhook signature rejected: Message timestamp too old');
    if (seconds - now > TOLERANCE_SECONDS) throw new SignatureError('webhook signature rejected: Message timestamp too new');
    const expected = Buffer.from(this.signature(id!, seconds, rawBody));
    const matches = signature!.split(' ').some((versioned) => {
      const [version, sig] = versioned.split(',');
      if (version !== 'v1' || sig === undefined) return false;
      const given = Buffer.from(sig);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) throw new SignatureError('webhook signature rejected: No matching signature found');
    return id!;
  }

  /** Signs a body as a sender would (used by tests, the demo and outbound webhooks). */
  sign(id: string, timestamp: Date, rawBody: string | Buffer): Record<string, string> {
    const seconds = Math.floor(timestamp.getTime() / 1000);
    return {
      'webhook-id': id,
      'webhook-timestamp': String(seconds),
      'webhook-signature': `v1,${this.signature(id, seconds, Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8'))}`,
    };
  }
}
