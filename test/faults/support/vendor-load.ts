import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebhookSignatureVerifier } from '../../../services/platform/http/webhook-signature.ts';
import { pickConfirmationBody } from '../../support/fixtures.ts';
import { testWebhookSecret } from '../../support/wms-client.ts';

/** One webhook delivery a vendor keeps trying until the adapter acknowledges it. */
export interface Delivery {
  webhookId: string;
  shipmentId: string;
  /** Position of this delivery within its shipment (0-based): the order the vendor sent them. */
  seq: number;
  body: string;
  attempts: number;
  /** Adapter answer once acknowledged (2xx): the canonical event ids it stored. */
  ackedEventIds?: string[];
  lastError?: string;
}

/** Totals of one load run, printed by the fault tests. */
export interface LoadFigures {
  sent: number;
  acknowledged: number;
  attempts: number;
  retried: number;
  gaveUp: number;
}

/**
 * A vendor (the WMS) sending pick confirmations for many shipments through the adapter at a
 * fixed rate, the way real vendors behave: each shipment's deliveries go one after the
 * other (the next only once the previous is acknowledged, so the vendor's order is defined),
 * and any answer other than 2xx, or no answer, is retried with the same webhook id after a
 * back-off, honouring Retry-After, until a deadline.
 */
export class VendorLoad {
  readonly deliveries: Delivery[] = [];
  private readonly signer = new WebhookSignatureVerifier(testWebhookSecret);

  constructor(
    private readonly opts: {
      /** Adapter base URL; a function so a restarted adapter on another port can be followed. */
      url: () => string;
      shipments: number;
      perShipment: number;
      /** Webhooks per second across all shipments. */
      rate: number;
      /** Give up on a delivery after this long (a real vendor's retry horizon). */
      retryHorizonMs?: number;
    },
  ) {
    for (let s = 0; s < opts.shipments; s++) {
      const shipmentId = `SHP-F${randomUUID().slice(0, 8)}`;
      for (let seq = 0; seq < opts.perShipment; seq++) {
        const body = pickConfirmationBody({ shipmentNumber: shipmentId, orderNumber: `SO-${shipmentId}` });
        this.deliveries.push({ webhookId: `msg_${randomUUID()}`, shipmentId, seq, body: JSON.stringify(body), attempts: 0 });
      }
    }
  }

  /** Sends everything; resolves when every delivery was acknowledged or given up. */
  async run(): Promise<LoadFigures> {
    const byShipment = new Map<string, Delivery[]>();
    for (const d of this.deliveries) byShipment.set(d.shipmentId, [...(byShipment.get(d.shipmentId) ?? []), d]);
    const gapMs = 1000 / this.opts.rate;
    const started = Date.now();
    let next = 0;
    // A token per delivery slot: shipment lanes take slots in turn, keeping the overall rate.
    const slot = async () => {
      const at = started + next++ * gapMs;
      const wait = at - Date.now();
      if (wait > 0) await sleep(wait);
    };
    await Promise.all(
      [...byShipment.values()].map(async (lane) => {
        for (const d of lane) {
          await slot();
          await this.deliver(d);
        }
      }),
    );
    return this.figures();
  }

  /** The figures so far. */
  figures(): LoadFigures {
    const acknowledged = this.deliveries.filter((d) => d.ackedEventIds).length;
    return {
      sent: this.deliveries.length,
      acknowledged,
      attempts: this.deliveries.reduce((n, d) => n + d.attempts, 0),
      retried: this.deliveries.filter((d) => d.attempts > 1).length,
      gaveUp: this.deliveries.length - acknowledged,
    };
  }

  private async deliver(d: Delivery): Promise<void> {
    const deadline = Date.now() + (this.opts.retryHorizonMs ?? 180_000);
    let backoff = 250;
    while (Date.now() < deadline) {
      d.attempts++;
      let retryAfterMs = backoff;
      try {
        const res = await fetch(`${this.opts.url()}/webhooks/wms/v1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...this.signer.sign(d.webhookId, new Date(), d.body) },
          body: d.body,
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        if (res.ok) {
          const json = JSON.parse(text) as { events: Array<{ eventId: string }> };
          d.ackedEventIds = json.events.map((e) => e.eventId);
          return;
        }
        d.lastError = `${res.status} ${text.slice(0, 200)}`;
        if (res.status < 500 && res.status !== 429) return; // the vendor's fault: retrying won't help
        const ra = Number(res.headers.get('retry-after'));
        if (Number.isFinite(ra) && ra > 0) retryAfterMs = Math.min(ra * 1000, 5_000);
      } catch (err) {
        d.lastError = (err as Error).message;
      }
      await sleep(retryAfterMs);
      backoff = Math.min(backoff * 2, 4_000);
    }
  }
}
