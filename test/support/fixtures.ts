import { randomUUID } from 'node:crypto';
import type { IoLogisticsEvents } from '../../services/platform/events/canonical-event.ts';

/** A valid WMS pick confirmation body with unique ids. */
export function pickConfirmationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = randomUUID().slice(0, 8);
  return {
    eventId: `wms-evt-${n}`,
    eventType: 'pick.confirmed',
    occurredAt: '2026-11-22T09:15:00Z',
    warehouseId: 'DC-EAST-01',
    orderNumber: `SO-${n}`,
    shipmentNumber: `SHP-${n}`,
    pickListId: `PL-${n}`,
    lines: [
      { lineNumber: 1, sku: 'SKU-1', quantityRequested: 10, quantityPicked: 10, unitOfMeasure: 'EA' },
      { lineNumber: 2, sku: 'SKU-2', quantityRequested: 4, quantityPicked: 3, unitOfMeasure: 'CS', lotNumber: 'L-7' },
    ],
    ...overrides,
  };
}

/** A valid canonical PickCompleted event. */
export function pickCompletedEvent(shipmentId = `SHP-${randomUUID().slice(0, 8)}`): IoLogisticsEvents.PickCompleted {
  return {
    envelope: {
      eventId: randomUUID(),
      eventType: 'PickCompleted',
      occurredAt: new Date('2026-11-22T09:15:00Z'),
      recordedAt: new Date(),
      source: { kind: 'WMS', system: 'wms-test', vendorEventId: 'v-1' },
      correlationId: `corr-${shipmentId}`,
      causationId: null,
      shipmentId,
      orderId: 'SO-1',
      warehouseId: 'DC-1',
      carrierCode: null,
      trackingNumber: null,
    },
    pickListId: 'PL-1',
    pickTaskId: null,
    waveId: null,
    lines: [{ lineNumber: 1, sku: 'SKU-1', quantity: 2, unitOfMeasure: 'EA', lotNumber: null }],
    shortPicked: false,
    shortPickedLines: [],
    toteIds: [],
  };
}
