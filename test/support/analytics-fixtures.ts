/**
 * Canonical events for the analytics sink tests: one builder per event type, a shipment's
 * whole story (all 12 types), and a small fleet of shipments whose view figures are worked
 * out by hand in test/analytics-sink/analytics-views.test.ts.
 */
import { randomUUID } from 'node:crypto';
import type { EventTypeMap, EventTypeName, IoLogisticsCommon, TypedEvent } from '../../services/platform/events/canonical-event.ts';

type Envelope = IoLogisticsCommon.Envelope;

/** Envelope settings of one fixture event. */
export interface EnvelopeOpts {
  occurredAt: string;
  /** Seconds between occurredAt and recordedAt (default 5). */
  delaySeconds?: number;
  kind?: IoLogisticsCommon.SourceKind;
  system?: string;
  shipmentId?: string | null;
  orderId?: string | null;
  carrierCode?: string | null;
  warehouseId?: string | null;
}

function envelope(eventType: EventTypeName, o: EnvelopeOpts): Envelope {
  const occurred = new Date(o.occurredAt);
  return {
    eventId: randomUUID(),
    eventType,
    occurredAt: occurred,
    recordedAt: new Date(occurred.getTime() + (o.delaySeconds ?? 5) * 1000),
    source: { kind: o.kind ?? 'WMS', system: o.system ?? 'wms-test', vendorEventId: `v-${randomUUID().slice(0, 8)}` },
    correlationId: `corr-${o.shipmentId ?? o.orderId}`,
    causationId: null,
    shipmentId: o.shipmentId ?? null,
    orderId: o.orderId ?? null,
    warehouseId: o.warehouseId ?? 'DC-1',
    carrierCode: o.carrierCode ?? null,
    trackingNumber: null,
  };
}

const line = (n: number, sku: string, quantity: number): IoLogisticsCommon.LineItem => ({ lineNumber: n, sku, quantity, unitOfMeasure: 'EA', lotNumber: n === 2 ? 'LOT-7' : null });
const place = (countryCode: string, city: string | null = null): IoLogisticsCommon.Location => ({ facilityId: null, city, subdivisionCode: null, postalCode: null, countryCode });

/** Builders: envelope options plus payload overrides, with valid defaults for every field. */
export const build = {
  OrderReleased: (o: EnvelopeOpts, p: Partial<EventTypeMap['OrderReleased']> = {}): EventTypeMap['OrderReleased'] => ({
    envelope: envelope('OrderReleased', { kind: 'ERP', system: 'erp-test', ...o }),
    customerId: 'CUST-1',
    purchaseOrderNumber: null,
    requestedShipDate: '2026-03-02',
    requestedDeliveryDate: null,
    serviceLevel: 'STANDARD',
    destination: place('DE', 'Berlin'),
    lines: [line(1, 'SKU-1', 2)],
    ...p,
  }),
  InventoryAllocated: (o: EnvelopeOpts): EventTypeMap['InventoryAllocated'] => ({
    envelope: envelope('InventoryAllocated', o),
    allocationId: 'AL-1',
    waveId: null,
    fullyAllocated: true,
    lines: [line(1, 'SKU-1', 2)],
    backorderedLines: [],
  }),
  PickCompleted: (o: EnvelopeOpts, p: Partial<EventTypeMap['PickCompleted']> = {}): EventTypeMap['PickCompleted'] => ({
    envelope: envelope('PickCompleted', o),
    pickListId: 'PL-1',
    pickTaskId: null,
    waveId: 'W-9',
    lines: [line(1, 'SKU-1', 2), line(2, 'SKU-2', 1.5)],
    shortPicked: false,
    shortPickedLines: [],
    toteIds: ['T-1', 'T-2'],
    ...p,
  }),
  PackCompleted: (o: EnvelopeOpts): EventTypeMap['PackCompleted'] => ({
    envelope: envelope('PackCompleted', o),
    packageId: 'PKG-1',
    sscc: null,
    cartonType: 'M',
    weight: { value: 3.25, unit: 'KG' },
    dimensions: { length: 40, width: 30, height: 20, unit: 'CM' },
    packStationId: null,
    lines: [line(1, 'SKU-1', 2)],
  }),
  ShipmentPlanned: (o: EnvelopeOpts, p: Partial<EventTypeMap['ShipmentPlanned']> = {}): EventTypeMap['ShipmentPlanned'] => ({
    envelope: envelope('ShipmentPlanned', { kind: 'TMS', system: 'tms-test', ...o }),
    loadId: null,
    carrierCode: o.carrierCode ?? 'ACME',
    serviceLevel: 'STANDARD',
    carrierServiceCode: null,
    plannedPickupAt: new Date(o.occurredAt),
    plannedDeliveryAt: new Date(new Date(o.occurredAt).getTime() + 86_400_000),
    origin: place('DE', 'Hamburg'),
    destination: place('DE', 'Berlin'),
    orderIds: o.orderId ? [o.orderId] : [],
    customerId: 'CUST-1',
    ...p,
  }),
  ShipmentDispatched: (o: EnvelopeOpts): EventTypeMap['ShipmentDispatched'] => ({
    envelope: envelope('ShipmentDispatched', o),
    dispatchedFrom: place('DE', 'Hamburg'),
    loadId: null,
    trailerId: null,
    vehicleId: null,
    sealNumber: null,
    billOfLadingNumber: null,
    packageCount: 1,
    totalWeight: { value: 3.25, unit: 'KG' },
    trackingNumbers: [],
  }),
  InTransit: (o: EnvelopeOpts): EventTypeMap['InTransit'] => ({
    envelope: envelope('InTransit', { kind: 'CARRIER', system: 'carrier-test', ...o }),
    milestone: 'DEPARTED_FACILITY',
    carrierStatusCode: 'DP',
    carrierStatusDescription: null,
    location: null,
    carrierFacilityCode: null,
    locationTimeZone: null,
  }),
  EtaUpdated: (o: EnvelopeOpts, newEta: string): EventTypeMap['EtaUpdated'] => ({
    envelope: envelope('EtaUpdated', { kind: 'CARRIER', system: 'carrier-test', ...o }),
    previousEta: null,
    newEta: new Date(newEta),
    etaWindowStart: null,
    etaWindowEnd: null,
    reason: 'CARRIER_UPDATE',
    carrierReasonCode: null,
  }),
  DeliveryException: (o: EnvelopeOpts, reason: IoLogisticsCommon.DeliveryExceptionReason = 'WEATHER_DELAY'): EventTypeMap['DeliveryException'] => ({
    envelope: envelope('DeliveryException', { kind: 'CARRIER', system: 'carrier-test', ...o }),
    reason,
    carrierReasonCode: 'X1',
    description: null,
    location: null,
    deliveryAttemptNumber: 1,
    actionRequired: false,
    resolutionExpectedAt: null,
  }),
  ProofOfDeliveryReceived: (o: EnvelopeOpts, deliveredAt = o.occurredAt): EventTypeMap['ProofOfDeliveryReceived'] => ({
    envelope: envelope('ProofOfDeliveryReceived', { kind: 'CARRIER', system: 'carrier-test', ...o }),
    deliveredAt: new Date(deliveredAt),
    signatureCaptured: true,
    podReference: null,
    documentUrl: null,
    location: null,
    piecesDelivered: 1,
    exceptionsNoted: false,
  }),
  ShipmentNoticeReceived: (o: EnvelopeOpts): EventTypeMap['ShipmentNoticeReceived'] => ({
    envelope: envelope('ShipmentNoticeReceived', { kind: 'EDI', system: 'edi-test', ...o }),
    asnNumber: 'ASN-1',
    purposeCode: '00',
    shipNoticeDate: '2026-03-01',
    supplierId: 'SUP-1',
    purchaseOrderNumbers: ['PO-1'],
    shippedAt: null,
    expectedDeliveryAt: null,
    billOfLadingNumber: null,
    packageCount: null,
    totalWeight: null,
    lines: [line(1, 'SKU-1', 2)],
  }),
  ReturnReceived: (o: EnvelopeOpts): EventTypeMap['ReturnReceived'] => ({
    envelope: envelope('ReturnReceived', o),
    rmaNumber: 'RMA-1',
    customerId: null,
    returnReasonCode: 'DAMAGED',
    condition: 'DAMAGED',
    dispositionCode: null,
    lines: [line(1, 'SKU-1', 1)],
  }),
};

/** One event of every canonical type for one shipment (12 events), in lifecycle order. */
export function shipmentStory(shipmentId = `SHP-${randomUUID().slice(0, 8)}`, orderId = `SO-${randomUUID().slice(0, 8)}`): TypedEvent[] {
  const o = (occurredAt: string): EnvelopeOpts => ({ occurredAt, shipmentId, orderId, carrierCode: 'ACME' });
  return [
    { eventType: 'OrderReleased', event: build.OrderReleased({ occurredAt: '2026-03-02T08:00:00Z', orderId }) },
    { eventType: 'InventoryAllocated', event: build.InventoryAllocated(o('2026-03-02T08:10:00Z')) },
    { eventType: 'PickCompleted', event: build.PickCompleted(o('2026-03-02T08:20:00Z')) },
    { eventType: 'PackCompleted', event: build.PackCompleted(o('2026-03-02T08:30:00Z')) },
    { eventType: 'ShipmentPlanned', event: build.ShipmentPlanned(o('2026-03-02T08:40:00Z')) },
    { eventType: 'ShipmentDispatched', event: build.ShipmentDispatched(o('2026-03-02T09:00:00Z')) },
    { eventType: 'InTransit', event: build.InTransit(o('2026-03-02T10:00:00Z')) },
    { eventType: 'EtaUpdated', event: build.EtaUpdated(o('2026-03-02T11:00:00Z'), '2026-03-03T09:00:00Z') },
    { eventType: 'DeliveryException', event: build.DeliveryException(o('2026-03-02T12:00:00Z')) },
    { eventType: 'ProofOfDeliveryReceived', event: build.ProofOfDeliveryReceived(o('2026-03-03T08:00:00Z')) },
    { eventType: 'ShipmentNoticeReceived', event: build.ShipmentNoticeReceived(o('2026-03-01T07:00:00Z')) },
    { eventType: 'ReturnReceived', event: build.ReturnReceived(o('2026-03-05T10:00:00Z')) },
  ];
}
