import { DownstreamError } from '../platform/errors/backbone-error.ts';
import type { IoLogisticsEvents } from '../platform/events/canonical-event.ts';

/** What the ERP answered for a posting. */
export interface ErpPostingResult {
  status: number;
  postingId?: string;
  /** True when the ERP recognised the idempotency key and did not post again. */
  replayed: boolean;
}

/**
 * Client of the ERP's HTTP API. Every call carries the event id as `Idempotency-Key`, so a
 * redelivered event never posts twice, and the correlation id for tracing. Failures are
 * DownstreamErrors: retriable for timeouts, connection errors, 408/429/5xx; final for other 4xx.
 */
export class ErpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private async post(path: string, idempotencyKey: string, correlationId: string, body: unknown, signal?: AbortSignal): Promise<ErpPostingResult> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, 'x-correlation-id': correlationId },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      throw new DownstreamError('erp', `ERP call POST ${path} failed: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    if (!res.ok) {
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new DownstreamError('erp', `ERP answered ${res.status} to POST ${path}: ${text.slice(0, 300)}`, {
        status: res.status,
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      });
    }
    let parsed: { postingId?: string } = {};
    try {
      parsed = text ? (JSON.parse(text) as { postingId?: string }) : {};
    } catch {
      // A 2xx without a JSON body still means the ERP took the posting.
    }
    return { status: res.status, postingId: parsed.postingId, replayed: res.headers.get('idempotent-replayed') === 'true' };
  }

  /** Confirms picked quantities against the order's outbound delivery in the ERP. */
  async confirmPick(e: IoLogisticsEvents.PickCompleted, signal?: AbortSignal): Promise<ErpPostingResult> {
    const env = e.envelope;
    return this.post(
      '/api/v1/pick-confirmations',
      env.eventId,
      env.correlationId,
      {
        eventId: env.eventId,
        orderId: env.orderId,
        shipmentId: env.shipmentId,
        warehouseId: env.warehouseId,
        pickListId: e.pickListId,
        pickedAt: env.occurredAt.toISOString(),
        shortPicked: e.shortPicked,
        lines: e.lines.map((l) => ({ lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity, unitOfMeasure: l.unitOfMeasure, lotNumber: l.lotNumber })),
      },
      signal,
    );
  }
}
