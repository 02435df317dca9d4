import { postJson } from '../platform/http/post-json.ts';
import type { IoLogisticsCommon, IoLogisticsEvents } from '../platform/events/canonical-event.ts';

/** A canonical line item as the ERP's API takes it. */
function erpLine(l: IoLogisticsCommon.LineItem) {
  return { lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity, unitOfMeasure: l.unitOfMeasure, lotNumber: l.lotNumber };
}

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
    const answer = await postJson('erp', `${this.baseUrl}${path}`, {
      body,
      headers: { 'idempotency-key': idempotencyKey, 'x-correlation-id': correlationId },
      timeoutMs: this.timeoutMs,
      signal,
    });
    const postingId = typeof answer.json.postingId === 'string' ? answer.json.postingId : undefined;
    return { status: answer.status, postingId, replayed: answer.headers.get('idempotent-replayed') === 'true' };
  }

  /** Sets an order to RELEASED in the ERP when the warehouse released it for fulfilment. */
  async releaseOrder(e: IoLogisticsEvents.OrderReleased, signal?: AbortSignal): Promise<ErpPostingResult> {
    const env = e.envelope;
    return this.post('/api/v1/order-status', env.eventId, env.correlationId, {
      eventId: env.eventId,
      orderId: env.orderId,
      shipmentId: env.shipmentId,
      status: 'RELEASED',
      warehouseId: env.warehouseId,
      customerId: e.customerId,
      requestedShipDate: e.requestedShipDate,
      releasedAt: env.occurredAt.toISOString(),
    }, signal);
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
        lines: e.lines.map(erpLine),
      },
      signal,
    );
  }

  /** Posts the goods issue for a dispatched shipment (stock leaves the warehouse's books). */
  async postGoodsIssue(e: IoLogisticsEvents.ShipmentDispatched, signal?: AbortSignal): Promise<ErpPostingResult> {
    const env = e.envelope;
    return this.post('/api/v1/goods-issues', env.eventId, env.correlationId, {
      eventId: env.eventId,
      shipmentId: env.shipmentId,
      orderId: env.orderId,
      warehouseId: env.warehouseId,
      carrierCode: env.carrierCode,
      dispatchedAt: env.occurredAt.toISOString(),
      packageCount: e.packageCount,
      totalWeight: { value: e.totalWeight.value, unit: e.totalWeight.unit },
      billOfLadingNumber: e.billOfLadingNumber,
      trackingNumbers: [...e.trackingNumbers],
    }, signal);
  }

  /** Confirms delivery of a shipment (triggers invoicing in most ERPs). */
  async confirmDelivery(e: IoLogisticsEvents.ProofOfDeliveryReceived, signal?: AbortSignal): Promise<ErpPostingResult> {
    const env = e.envelope;
    return this.post('/api/v1/delivery-confirmations', env.eventId, env.correlationId, {
      eventId: env.eventId,
      shipmentId: env.shipmentId,
      orderId: env.orderId,
      deliveredAt: new Date(e.deliveredAt).toISOString(),
      signatureCaptured: e.signatureCaptured,
      podReference: e.podReference,
      exceptionsNoted: e.exceptionsNoted,
    }, signal);
  }

  /** Posts a return receipt against the RMA. */
  async receiveReturn(e: IoLogisticsEvents.ReturnReceived, signal?: AbortSignal): Promise<ErpPostingResult> {
    const env = e.envelope;
    return this.post('/api/v1/return-receipts', env.eventId, env.correlationId, {
      eventId: env.eventId,
      rmaNumber: e.rmaNumber,
      orderId: env.orderId,
      shipmentId: env.shipmentId,
      warehouseId: env.warehouseId,
      returnReasonCode: e.returnReasonCode,
      condition: e.condition,
      receivedAt: env.occurredAt.toISOString(),
      lines: e.lines.map(erpLine),
    }, signal);
  }
}
