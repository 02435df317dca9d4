import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapWms, wmsEnvelope, wmsFixture } from './wms-test-kit.ts';

describe('WMS wave.released → one OrderReleased per order', () => {
  it('maps every order of the wave, in order, each keyed by its own order', () => {
    const d = mapWms(wmsFixture('wave-released'));
    assert.equal(d.vendorEventId, 'wms-evt-20261120-150000-0007');
    const envelope = (n: number, orderId: string) =>
      wmsEnvelope(n, 'OrderReleased', { occurredAt: new Date('2026-11-20T15:00:00Z'), correlationId: `order:${orderId}`, orderId, warehouseId: 'DC-EAST-01' });
    assert.deepEqual(d.events, [
      {
        eventType: 'OrderReleased',
        event: {
          envelope: envelope(0, 'SO-2026-004712'),
          customerId: 'CUST-88412',
          purchaseOrderNumber: null,
          requestedShipDate: '2026-11-22',
          requestedDeliveryDate: null,
          serviceLevel: 'STANDARD',
          destination: { facilityId: null, city: 'Milwaukee', subdivisionCode: 'US-WI', postalCode: '53204', countryCode: 'US' },
          lines: [{ lineNumber: 1, sku: 'SKU-20417', quantity: 36, unitOfMeasure: 'EA', lotNumber: null }],
        },
      },
      {
        eventType: 'OrderReleased',
        event: {
          envelope: envelope(1, 'SO-2026-004713'),
          customerId: 'CUST-90277',
          purchaseOrderNumber: 'PO-77-0091',
          requestedShipDate: '2026-11-21',
          requestedDeliveryDate: '2026-11-22',
          serviceLevel: 'NEXT_DAY',
          destination: { facilityId: null, city: 'Toronto', subdivisionCode: 'CA-ON', postalCode: 'M5V 2T6', countryCode: 'CA' },
          lines: [
            { lineNumber: 1, sku: 'SKU-10021', quantity: 2, unitOfMeasure: 'EA', lotNumber: null },
            { lineNumber: 2, sku: 'SKU-30001', quantity: 1.5, unitOfMeasure: 'KG', lotNumber: null },
          ],
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('names the order whose service level is unknown, and refuses an empty wave', () => {
    const body = wmsFixture('wave-released');
    body.orders[1].serviceLevelCode = 'OVERNIGHT';
    assertRejected(body, 'UNKNOWN_CODE', ['orders.1.serviceLevelCode'], /"OVERNIGHT"/);
    assertRejected({ ...wmsFixture('wave-released'), orders: [] }, 'VALIDATION_FAILED', ['orders']);
  });
});
