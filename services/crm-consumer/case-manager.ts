import { ValidationError } from '../platform/errors/backbone-error.ts';
import type { IoLogisticsEvents } from '../platform/events/canonical-event.ts';
import type { HandlerContext } from '../platform/kafka/event-consumer.ts';
import type { CrmCaseStore } from './crm-case-store.ts';
import type { CaseUpsert, CrmClient } from './crm-client.ts';
import { judgeEta } from '../platform/events/late-eta-rule.ts';

/** Exception reasons that need a person soon, whatever the carrier says about action. */
const urgentReasons = new Set(['LOST', 'DAMAGED', 'REFUSED']);

/** The case key of a late-ETA case; exception cases use the exception reason instead. */
export const lateEtaCaseReason = 'LATE_ETA';

/** "SHP-1:WEATHER_DELAY": one case per shipment and problem. */
export function caseKeyOf(shipmentId: string, reason: string): string {
  return `${shipmentId}:${reason}`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function shipmentOf(env: { shipmentId: string | null; eventId: string; eventType: string }): string {
  if (!env.shipmentId) throw new ValidationError(`${env.eventType} ${env.eventId} has no shipmentId: no case can be kept for it`, [{ path: 'envelope.shipmentId', message: 'required' }]);
  return env.shipmentId;
}

/**
 * Turns shipment events into CRM cases: a DeliveryException or a late EtaUpdated opens the
 * case of its (shipment, problem) key or adds an update to it; a ProofOfDeliveryReceived closes
 * every open case of the shipment. ShipmentPlanned feeds the late-ETA baseline.
 */
export class CaseManager {
  constructor(
    private readonly crm: CrmClient,
    private readonly cases: CrmCaseStore,
    private readonly lateEtaThresholdMs: number,
  ) {}

  private async upsert(c: CaseUpsert, eventId: string, correlationId: string, ctx: HandlerContext): Promise<void> {
    // Idempotency-Key = event id: a retry after a crash between the CRM call and our own write gets the same case back.
    const result = await this.crm.upsertCase(c, eventId, correlationId, ctx.signal);
    await this.cases.recordCase({ caseKey: c.externalKey, shipmentId: c.shipmentId, caseType: c.type, caseId: result.caseId, eventId });
    ctx.logger.info({ caseKey: c.externalKey, caseId: result.caseId, created: result.created, replayed: result.replayed }, result.created ? 'CRM case opened' : 'CRM case updated');
  }

  /** Opens or updates the case for this shipment and exception reason. */
  async onDeliveryException(e: IoLogisticsEvents.DeliveryException, ctx: HandlerContext): Promise<void> {
    const env = e.envelope;
    const shipmentId = shipmentOf(env);
    await this.upsert(
      {
        externalKey: caseKeyOf(shipmentId, e.reason),
        type: 'DELIVERY_EXCEPTION',
        subject: `Delivery exception ${e.reason} for shipment ${shipmentId}`,
        priority: e.actionRequired || urgentReasons.has(e.reason) ? 'HIGH' : 'NORMAL',
        shipmentId,
        orderId: env.orderId,
        carrierCode: env.carrierCode,
        trackingNumber: env.trackingNumber,
        update: {
          eventId: env.eventId,
          eventType: 'DeliveryException',
          occurredAt: env.occurredAt.toISOString(),
          reason: e.reason,
          carrierReasonCode: e.carrierReasonCode,
          description: e.description,
          location: e.location,
          deliveryAttemptNumber: e.deliveryAttemptNumber,
          actionRequired: e.actionRequired,
          resolutionExpectedAt: iso(e.resolutionExpectedAt),
        },
      },
      env.eventId,
      env.correlationId,
      ctx,
    );
  }

  /** Opens or updates the shipment's late-delivery case when the ETA is late (see late-eta-rule.ts); otherwise nothing. */
  async onEtaUpdated(e: IoLogisticsEvents.EtaUpdated, ctx: HandlerContext): Promise<void> {
    const env = e.envelope;
    const shipmentId = shipmentOf(env);
    const verdict = judgeEta(e, await this.cases.plannedDelivery(shipmentId), this.lateEtaThresholdMs);
    if (!verdict.late) {
      ctx.logger.debug({ baselineKind: verdict.baselineKind, delayMs: verdict.delayMs }, 'ETA not late: no case');
      return;
    }
    await this.upsert(
      {
        externalKey: caseKeyOf(shipmentId, lateEtaCaseReason),
        type: 'LATE_DELIVERY',
        subject: `Late delivery for shipment ${shipmentId}`,
        priority: 'NORMAL',
        shipmentId,
        orderId: env.orderId,
        carrierCode: env.carrierCode,
        trackingNumber: env.trackingNumber,
        update: {
          eventId: env.eventId,
          eventType: 'EtaUpdated',
          occurredAt: env.occurredAt.toISOString(),
          newEta: e.newEta.toISOString(),
          previousEta: iso(e.previousEta),
          baseline: iso(verdict.baseline),
          baselineKind: verdict.baselineKind,
          delayMinutes: Math.round(verdict.delayMs! / 60_000),
          reason: e.reason,
          carrierReasonCode: e.carrierReasonCode,
        },
      },
      env.eventId,
      env.correlationId,
      ctx,
    );
  }

  /** Closes every open case of the delivered shipment; cases closed on an earlier attempt are already marked and skipped. */
  async onProofOfDelivery(e: IoLogisticsEvents.ProofOfDeliveryReceived, ctx: HandlerContext): Promise<void> {
    const env = e.envelope;
    const shipmentId = shipmentOf(env);
    for (const c of await this.cases.openCases(shipmentId)) {
      // One call per case, so the key is the event id plus the case: unique per call, stable across retries.
      const outcome = await this.crm.closeCase(
        c.caseId,
        { resolution: 'DELIVERED', closedAt: e.deliveredAt.toISOString(), eventId: env.eventId, podReference: e.podReference, signatureCaptured: e.signatureCaptured, exceptionsNoted: e.exceptionsNoted },
        `${env.eventId}:${c.caseId}`,
        env.correlationId,
        ctx.signal,
      );
      await this.cases.markClosed(c.caseKey, c.caseId, env.eventId);
      if (outcome === 'not-found') ctx.logger.warn({ caseKey: c.caseKey, caseId: c.caseId }, 'CRM does not know the case any more; marked closed here');
      else ctx.logger.info({ caseKey: c.caseKey, caseId: c.caseId, outcome }, 'CRM case closed on delivery');
    }
  }

  /** Remembers the planned delivery time, the baseline of the late-ETA rule. */
  async onShipmentPlanned(e: IoLogisticsEvents.ShipmentPlanned): Promise<void> {
    const env = e.envelope;
    await this.cases.recordPlan(shipmentOf(env), e.plannedDeliveryAt, env.occurredAt, env.eventId);
  }
}
