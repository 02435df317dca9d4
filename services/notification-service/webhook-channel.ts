import { DownstreamError } from '../platform/errors/backbone-error.ts';
import { WebhookSignatureVerifier } from '../platform/http/webhook-signature.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { observeDownstream } from '../platform/telemetry/downstream-metrics.ts';
import { RetriesExhausted, withRetry, type RetryPolicy } from '../platform/retry/retry-policy.ts';
import type { Notification } from './notification.ts';
import { tracedFetch } from '../platform/telemetry/traced-fetch.ts';

/** A customer's webhook endpoint and the secret its signatures are made with. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** What a delivered webhook cost. */
export interface WebhookDelivery {
  webhookId: string;
  status: number;
  attempts: number;
}

/** The JSON body a customer endpoint receives: Standard Webhooks' `{type, timestamp, data}` shape. */
export interface WebhookPayload {
  /** "shipment.dispatched", "shipment.delayed", "shipment.out_for_delivery" or "shipment.delivered". */
  type: string;
  /** When the event happened (not when it was sent), ISO 8601 UTC. */
  timestamp: string;
  data: Record<string, unknown>;
}

/** The webhook body for a notification to one customer. */
export function webhookPayload(n: Notification, customerId: string): WebhookPayload {
  const { kind, ...details } = n.details;
  return {
    type: `shipment.${kind}`,
    timestamp: n.occurredAt.toISOString(),
    data: { eventId: n.eventId, customerId, shipmentId: n.shipmentId, orderId: n.orderId, carrierCode: n.carrierCode, trackingNumber: n.trackingNumber, ...details },
  };
}

/** The webhook id of a notification: stable across retries and redeliveries, so receivers can de-duplicate. */
export const webhookIdOf = (eventId: string) => `msg_${eventId}`;

/**
 * Outbound signed webhooks: a POST of the JSON payload with Standard Webhooks headers
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature` = HMAC-SHA256 with the endpoint's
 * secret), re-signed on every attempt so the timestamp stays fresh. Retriable failures
 * (timeouts, connection errors, 408/429/5xx) are retried with exponential backoff and jitter
 * (the platform's withRetry: each wait is the doubled delay times a random factor in [1, 2));
 * other answers (4xx, redirects) fail at once. Throws a DownstreamError.
 */
export class WebhookChannel {
  constructor(private readonly opts: { timeoutMs: number; retry: RetryPolicy; userAgent?: string }) {}

  async send(n: Notification, customerId: string, target: WebhookTarget, signal: AbortSignal, log: Logger): Promise<WebhookDelivery> {
    const webhookId = webhookIdOf(n.eventId);
    const body = JSON.stringify(webhookPayload(n, customerId));
    const signer = new WebhookSignatureVerifier(target.secret);
    const host = new URL(target.url).host;
    let attempts = 0;
    try {
      const status = await withRetry(
        async (attempt) => {
          attempts = attempt;
          return observeDownstream('customer_webhook', async () => {
            let res: Response;
            try {
              res = await tracedFetch(target.url, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'user-agent': this.opts.userAgent ?? 'logistics-backbone-notifications/1', ...signer.sign(webhookId, new Date(), body) },
                body,
                // A signed delivery goes where the customer registered it, never where a redirect points.
                redirect: 'manual',
                signal: AbortSignal.any([signal, AbortSignal.timeout(this.opts.timeoutMs)]),
              }, 'customer-webhook');
              await res.arrayBuffer();
            } catch (err) {
              throw new DownstreamError('webhook', `webhook to ${host} failed: ${(err as Error).message}`, { cause: err });
            }
            if (res.status < 200 || res.status >= 300) {
              throw new DownstreamError('webhook', `webhook endpoint ${host} answered ${res.status}`, { status: res.status });
            }
            return res.status;
          });
        },
        this.opts.retry,
        { signal, onRetry: (e, n, delayMs) => log.warn({ host, code: e.code, status: e.details.status, attempt: n, delayMs }, 'webhook delivery failed; retrying') },
      );
      return { webhookId, status, attempts };
    } catch (err) {
      throw err instanceof RetriesExhausted ? err.error : err;
    }
  }
}
