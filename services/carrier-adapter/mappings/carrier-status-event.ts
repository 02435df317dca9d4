import type { IoLogisticsCommon, TypedEvent } from '../../platform/events/canonical-event.ts';
import type { MappingContext } from '../../platform/ingest/mapping-context.ts';
import type { CarrierReasonRule, CarrierStatusRule } from './carrier-status-rule.ts';
import { scrubFreeText } from './scrub-free-text.ts';

/**
 * One carrier status as every carrier format normalizes it (after its code tables were
 * applied): the input of the single place that builds InTransit, ProofOfDeliveryReceived,
 * DeliveryException and EtaUpdated events.
 */
export interface CarrierStatus {
  rule: CarrierStatusRule;
  /** Status code exactly as received. */
  statusCode: string;
  /** Status description as received (personal data is scrubbed when building the event). */
  statusDescription?: string | null;
  /** Reason / exception code exactly as received, if any. */
  reasonCode: string | null;
  reason: CarrierReasonRule | null;
  /** Exception description as received, if the carrier sends one apart from the status text. */
  reasonDescription?: string | null;
  /** The vendor's occurrence time of the status (scan time), kept even when it arrives late. */
  occurredAt: Date;
  shipmentId: string;
  carrierCode: string;
  trackingNumber: string | null;
  location: IoLogisticsCommon.Location | null;
  facilityCode?: string | null;
  timeZone?: string | null;
  /** For EtaUpdated: the new estimate. */
  eta?: { newEta: Date; previousEta?: Date | null; windowStart?: Date | null; windowEnd?: Date | null };
  /** For ProofOfDeliveryReceived. */
  pod?: { deliveredAt?: Date; signatureCaptured?: boolean; podReference?: string | null; documentUrl?: string | null; piecesDelivered?: number | null; exceptionsNoted?: boolean };
  /** For DeliveryException: number of the failed delivery attempt, if it was one. */
  deliveryAttempt?: number | null;
}

/**
 * Builds the canonical event of one carrier status. The envelope keeps the vendor's
 * occurrence time as occurredAt (the context sets recordedAt to the receipt time), so a late
 * scan stays distinguishable from a regression. The correlation id is "shipment:<id>".
 */
export function carrierStatusEvent(s: CarrierStatus, ctx: MappingContext): TypedEvent {
  const envelope = (eventType: CarrierStatusRule['event']) =>
    ctx.envelope(eventType, {
      occurredAt: s.occurredAt,
      correlationId: `shipment:${s.shipmentId}`,
      shipmentId: s.shipmentId,
      carrierCode: s.carrierCode,
      trackingNumber: s.trackingNumber,
    });
  const rule = s.rule;
  switch (rule.event) {
    case 'InTransit':
      return {
        eventType: 'InTransit',
        event: {
          envelope: envelope('InTransit'),
          milestone: rule.milestone,
          carrierStatusCode: s.statusCode,
          carrierStatusDescription: scrubFreeText(s.statusDescription),
          location: s.location,
          carrierFacilityCode: s.facilityCode ?? null,
          locationTimeZone: s.timeZone ?? null,
        },
      };
    case 'ProofOfDeliveryReceived':
      return {
        eventType: 'ProofOfDeliveryReceived',
        event: {
          envelope: envelope('ProofOfDeliveryReceived'),
          deliveredAt: s.pod?.deliveredAt ?? s.occurredAt,
          signatureCaptured: s.pod?.signatureCaptured ?? false,
          podReference: s.pod?.podReference ?? null,
          documentUrl: s.pod?.documentUrl ?? null,
          location: s.location,
          piecesDelivered: s.pod?.piecesDelivered ?? null,
          exceptionsNoted: s.pod?.exceptionsNoted ?? false,
        },
      };
    case 'DeliveryException':
      return {
        eventType: 'DeliveryException',
        event: {
          envelope: envelope('DeliveryException'),
          reason: rule.reason ?? s.reason?.exception ?? 'OTHER',
          // A status without its own reason code (e.g. "refused") is its own exception code.
          carrierReasonCode: s.reasonCode ?? s.statusCode,
          description: scrubFreeText(s.reasonDescription ?? s.statusDescription),
          location: s.location,
          deliveryAttemptNumber: s.deliveryAttempt ?? null,
          actionRequired: s.reason?.actionRequired ?? false,
          resolutionExpectedAt: null,
        },
      };
    case 'EtaUpdated': {
      if (!s.eta) throw new Error(`carrier status ${s.statusCode} maps to EtaUpdated but carries no estimate`);
      return {
        eventType: 'EtaUpdated',
        event: {
          envelope: envelope('EtaUpdated'),
          previousEta: s.eta.previousEta ?? null,
          newEta: s.eta.newEta,
          etaWindowStart: s.eta.windowStart ?? null,
          etaWindowEnd: s.eta.windowEnd ?? null,
          reason: s.reason?.eta ?? rule.reason ?? 'CARRIER_UPDATE',
          carrierReasonCode: s.reasonCode,
        },
      };
    }
  }
}
