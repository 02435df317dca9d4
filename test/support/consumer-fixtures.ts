/**
 * Canonical events for the CRM consumer and notification service tests: one shipment's ids
 * (with its customer), builders for the event types those consumers handle with fixed,
 * assertable payloads, and times relative to now (notifications hold back old events).
 */
import { randomUUID } from 'node:crypto';
import type { EventTypeMap, EventTypeName, IoLogisticsCommon, TypedEvent } from '../../services/platform/events/canonical-event.ts';
import { loadEventSchemas } from '../../services/platform/schemas/schema-catalog.ts';

/** The ids of one test shipment. */
export interface TestShipment {
  shipmentId: string;
  orderId: string;
  customerId: string;
  carrierCode: string;
  trackingNumber: string;
}

/** A shipment with unique ids, so tests sharing the state store never meet. */
export function newShipment(): TestShipment {
  const n = randomUUID().slice(0, 8);
  return { shipmentId: `SHP-${n}`, orderId: `SO-${n}`, customerId: `CUST-${n}`, carrierCode: 'ACME', trackingNumber: `1Z${n.toUpperCase()}` };
}

/** Envelope options: when it happened (default a minute ago) and which source sent it. */
export interface At {
  occurredAt?: Date;
  kind?: IoLogisticsCommon.SourceKind;
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

function envelope(eventType: EventTypeName, s: TestShipment, at: At, shipment = true): IoLogisticsCommon.Envelope {
  const occurredAt = at.occurredAt ?? minutesAgo(1);
  const kind = at.kind ?? 'CARRIER';
  return {
    eventId: randomUUID(),
    eventType,
    occurredAt,
    recordedAt: new Date(occurredAt.getTime() + 2000),
    source: { kind, system: `${kind.toLowerCase()}-test`, vendorEventId: null },
    correlationId: `corr-${s.orderId}`,
    causationId: null,
    shipmentId: shipment ? s.shipmentId : null,
    orderId: s.orderId,
    warehouseId: 'DC-1',
    carrierCode: shipment ? s.carrierCode : null,
    trackingNumber: shipment ? s.trackingNumber : null,
  };
}

/** Berlin, DE at postal-code level: where test shipments go. */
export const berlin: IoLogisticsCommon.Location = { facilityId: null, city: 'Berlin', subdivisionCode: 'DE-BE', postalCode: '10115', countryCode: 'DE' };
/** Hamburg DC: where test shipments leave from. */
export const hamburgDc: IoLogisticsCommon.Location = { facilityId: 'DC-1', city: 'Hamburg', subdivisionCode: 'DE-HH', postalCode: '20457', countryCode: 'DE' };

/** Builders per event type; payload overrides last. */
export const consumerEvents = {
  OrderReleased: (s: TestShipment, at: At = {}, p: Partial<EventTypeMap['OrderReleased']> = {}): EventTypeMap['OrderReleased'] => ({
    envelope: envelope('OrderReleased', s, { kind: 'ERP', ...at }, false),
    customerId: s.customerId,
    purchaseOrderNumber: null,
    requestedShipDate: '2026-11-23',
    requestedDeliveryDate: null,
    serviceLevel: 'STANDARD',
    destination: berlin,
    lines: [{ lineNumber: 1, sku: 'SKU-1', quantity: 2, unitOfMeasure: 'EA', lotNumber: null }],
    ...p,
  }),
  ShipmentPlanned: (s: TestShipment, plannedDeliveryAt: Date, at: At = {}, p: Partial<EventTypeMap['ShipmentPlanned']> = {}): EventTypeMap['ShipmentPlanned'] => ({
    envelope: envelope('ShipmentPlanned', s, { kind: 'TMS', ...at }),
    loadId: null,
    carrierCode: s.carrierCode,
    serviceLevel: 'STANDARD',
    carrierServiceCode: null,
    plannedPickupAt: new Date(plannedDeliveryAt.getTime() - 86_400_000),
    plannedDeliveryAt,
    origin: hamburgDc,
    destination: berlin,
    orderIds: [s.orderId],
    customerId: s.customerId,
    ...p,
  }),
  ShipmentDispatched: (s: TestShipment, at: At = {}, p: Partial<EventTypeMap['ShipmentDispatched']> = {}): EventTypeMap['ShipmentDispatched'] => ({
    envelope: envelope('ShipmentDispatched', s, { kind: 'WMS', ...at }),
    dispatchedFrom: hamburgDc,
    loadId: null,
    trailerId: null,
    vehicleId: null,
    sealNumber: null,
    billOfLadingNumber: null,
    packageCount: 2,
    totalWeight: { value: 12.5, unit: 'KG' },
    trackingNumbers: [s.trackingNumber],
    ...p,
  }),
  InTransit: (s: TestShipment, milestone: IoLogisticsCommon.TransitMilestone, at: At = {}): EventTypeMap['InTransit'] => ({
    envelope: envelope('InTransit', s, at),
    milestone,
    carrierStatusCode: milestone === 'OUT_FOR_DELIVERY' ? 'OFD' : 'DP',
    carrierStatusDescription: null,
    location: berlin,
    carrierFacilityCode: 'BER1',
    locationTimeZone: 'Europe/Berlin',
  }),
  EtaUpdated: (s: TestShipment, newEta: Date, previousEta: Date | null, at: At = {}, p: Partial<EventTypeMap['EtaUpdated']> = {}): EventTypeMap['EtaUpdated'] => ({
    envelope: envelope('EtaUpdated', s, at),
    previousEta,
    newEta,
    etaWindowStart: null,
    etaWindowEnd: null,
    reason: 'WEATHER',
    carrierReasonCode: 'WX',
    ...p,
  }),
  DeliveryException: (s: TestShipment, reason: IoLogisticsCommon.DeliveryExceptionReason, at: At = {}, p: Partial<EventTypeMap['DeliveryException']> = {}): EventTypeMap['DeliveryException'] => ({
    envelope: envelope('DeliveryException', s, at),
    reason,
    carrierReasonCode: `C-${reason}`,
    description: 'Storm closed the hub',
    location: berlin,
    deliveryAttemptNumber: null,
    actionRequired: false,
    resolutionExpectedAt: null,
    ...p,
  }),
  ProofOfDeliveryReceived: (s: TestShipment, deliveredAt: Date, at: At = {}, p: Partial<EventTypeMap['ProofOfDeliveryReceived']> = {}): EventTypeMap['ProofOfDeliveryReceived'] => ({
    envelope: envelope('ProofOfDeliveryReceived', s, at),
    deliveredAt,
    signatureCaptured: true,
    podReference: `POD-${s.shipmentId}`,
    documentUrl: null,
    location: berlin,
    piecesDelivered: 2,
    exceptionsNoted: false,
    ...p,
  }),
};

const schemas = loadEventSchemas();

/** Wraps an event for EventProducer.publish, failing at once when it does not fit its Avro schema. */
export function typed<K extends EventTypeName>(eventType: K, event: EventTypeMap[K]): TypedEvent<K> {
  const type = schemas.get(eventType)!.type;
  if (!type.isValid(event)) {
    const problems: string[] = [];
    type.isValid(event, { errorHook: (path) => problems.push(path.join('.')) });
    throw new Error(`fixture ${eventType} does not fit its schema at: ${problems.join(', ')}`);
  }
  return { eventType, event } as TypedEvent<K>;
}
