import { ValidationError } from '../platform/errors/backbone-error.ts';
import type { IoLogisticsCommon, IoLogisticsEvents } from '../platform/events/canonical-event.ts';
import type { EtaVerdict } from '../platform/events/late-eta-rule.ts';

/** What a customer can be told about; preferences choose among these. */
export const notificationKinds = ['dispatched', 'delayed', 'out_for_delivery', 'delivered'] as const;

/** One of the notification kinds. */
export type NotificationKind = (typeof notificationKinds)[number];

/** Kind-specific facts of a notification, JSON-ready (times as ISO strings); no personal data. */
export type NotificationDetails =
  | { kind: 'dispatched'; dispatchedFrom: IoLogisticsCommon.Location; packageCount: number; trackingNumbers: string[] }
  | { kind: 'delayed'; cause: 'DELIVERY_EXCEPTION'; reason: string; description: string | null; actionRequired: boolean; resolutionExpectedAt: string | null }
  | { kind: 'delayed'; cause: 'LATE_ETA'; newEta: string; previousEta: string | null; delayMinutes: number; comparedWith: 'planned-delivery' | 'previous-eta' }
  | { kind: 'out_for_delivery'; location: IoLogisticsCommon.Location | null }
  | { kind: 'delivered'; deliveredAt: string; location: IoLogisticsCommon.Location | null; signatureCaptured: boolean; piecesDelivered: number | null };

/** A customer notification derived from one event: who it concerns and what to say. */
export interface Notification {
  eventId: string;
  eventType: string;
  /** Business time of the event; the hold-back rule compares it with now. */
  occurredAt: Date;
  correlationId: string;
  shipmentId: string;
  orderId: string | null;
  carrierCode: string | null;
  trackingNumber: string | null;
  details: NotificationDetails;
}

type Env = IoLogisticsCommon.Envelope;

function base(env: Env): Omit<Notification, 'details'> {
  if (!env.shipmentId) throw new ValidationError(`${env.eventType} ${env.eventId} has no shipmentId: no customer can be found for it`, [{ path: 'envelope.shipmentId', message: 'required' }]);
  return {
    eventId: env.eventId,
    eventType: env.eventType,
    occurredAt: env.occurredAt,
    correlationId: env.correlationId,
    shipmentId: env.shipmentId,
    orderId: env.orderId,
    carrierCode: env.carrierCode,
    trackingNumber: env.trackingNumber,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** "Your shipment is on its way." */
export function dispatchedNotification(e: IoLogisticsEvents.ShipmentDispatched): Notification {
  return { ...base(e.envelope), details: { kind: 'dispatched', dispatchedFrom: e.dispatchedFrom, packageCount: e.packageCount, trackingNumbers: e.trackingNumbers } };
}

/** "Your shipment is delayed" after a carrier-reported exception. */
export function exceptionNotification(e: IoLogisticsEvents.DeliveryException): Notification {
  return {
    ...base(e.envelope),
    details: { kind: 'delayed', cause: 'DELIVERY_EXCEPTION', reason: e.reason, description: e.description, actionRequired: e.actionRequired, resolutionExpectedAt: iso(e.resolutionExpectedAt) },
  };
}

/** "Your shipment is delayed" after a late ETA (the verdict must be late). */
export function lateEtaNotification(e: IoLogisticsEvents.EtaUpdated, verdict: EtaVerdict): Notification {
  return {
    ...base(e.envelope),
    details: { kind: 'delayed', cause: 'LATE_ETA', newEta: e.newEta.toISOString(), previousEta: iso(e.previousEta), delayMinutes: Math.round(verdict.delayMs! / 60_000), comparedWith: verdict.baselineKind! },
  };
}

/** "Your shipment is out for delivery." */
export function outForDeliveryNotification(e: IoLogisticsEvents.InTransit): Notification {
  return { ...base(e.envelope), details: { kind: 'out_for_delivery', location: e.location } };
}

/** "Your shipment has been delivered." */
export function deliveredNotification(e: IoLogisticsEvents.ProofOfDeliveryReceived): Notification {
  return {
    ...base(e.envelope),
    details: { kind: 'delivered', deliveredAt: e.deliveredAt.toISOString(), location: e.location, signatureCaptured: e.signatureCaptured, piecesDelivered: e.piecesDelivered },
  };
}
