import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { WebhookSignatureVerifier } from '../../services/platform/http/webhook-signature.ts';

/** A webhook delivery attempt as the receiver saw it. */
export interface ReceivedWebhook {
  webhookId: string;
  /** The answer given: 2xx accepted, 401 bad signature, or an injected failure. */
  status: number;
  body: Record<string, unknown>;
}

/**
 * A customer's webhook endpoint: verifies the Standard Webhooks signature with its secret
 * (401 when wrong), answers 204, and records every attempt. `failNext(n, status)` answers the
 * next n valid deliveries with that status.
 */
export class WebhookReceiver {
  readonly attempts: ReceivedWebhook[] = [];
  private failures: number[] = [];
  private server?: Server;
  url = '';

  constructor(private readonly secret: string) {}

  /** Attempts that were accepted (2xx). */
  accepted(): ReceivedWebhook[] {
    return this.attempts.filter((a) => a.status >= 200 && a.status < 300);
  }

  /** Accepted deliveries of one event's notification. */
  acceptedFor(eventId: string): ReceivedWebhook[] {
    return this.accepted().filter((a) => (a.body.data as { eventId: string }).eventId === eventId);
  }

  failNext(n: number, status: number): void {
    this.failures.push(...Array.from({ length: n }, () => status));
  }

  async start(): Promise<void> {
    const verifier = new WebhookSignatureVerifier(this.secret);
    const app = express();
    app.post('/hooks/shipments', express.raw({ type: '*/*' }), (req, res) => {
      const raw = req.body as Buffer;
      const attempt: ReceivedWebhook = { webhookId: String(req.header('webhook-id')), status: 204, body: JSON.parse(raw.toString('utf8')) as Record<string, unknown> };
      try {
        verifier.verify(raw, req.headers);
      } catch {
        attempt.status = 401;
      }
      if (attempt.status === 204) attempt.status = this.failures.shift() ?? 204;
      this.attempts.push(attempt);
      res.status(attempt.status).end();
    });
    this.server = app.listen(0, '127.0.0.1');
    await new Promise((r) => this.server!.once('listening', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/shipments`;
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server?.close(r));
  }
}
