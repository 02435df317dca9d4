import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapWms, wmsEnvelope, wmsFixture } from './wms-test-kit.ts';

describe('WMS order.released → OrderReleased', () => {
  it('maps the order, keyed by order (no shipment yet), with the ship-to reduced to city level', () => {
    const d = mapWms(wmsFixture('order-released'));
    assert.equal(d.kind, 'order.released');
    assert.equal(d.vendorEventId, 'wms-evt-20261120-140000-0041');
    assert.deepEqual(d.events, [
      {
        eventType: 'OrderReleased',
        event: {
          envelope: wmsEnvelope(0, 'OrderReleased', {
            occurredAt: new Date('2026-11-20T14:00:00Z'),
            correlationId: 'order:SO-2026-004711',
            shipmentId: null,
            orderId: 'SO-2026-004711',
            warehouseId: 'DC-EAST-01',
          }),
          customerId: 'CUST-88412',
          purchaseOrderNumber: 'PO-RETAIL-55120',
          requestedShipDate: '2026-11-22',
          requestedDeliveryDate: '2026-11-24',
          serviceLevel: 'STANDARD',
          destination: { facilityId: null, city: 'Chicago', subdivisionCode: 'US-IL', postalCode: '60607', countryCode: 'US' },
          lines: [
            { lineNumber: 1, sku: 'SKU-10021', quantity: 24, unitOfMeasure: 'EA', lotNumber: null },
            { lineNumber: 2, sku: 'SKU-10022', quantity: 6, unitOfMeasure: 'CS', lotNumber: 'LOT-2611-A' },
          ],
        },
      },
    ]);
    assertSchemaValid(d.events);
    const json = JSON.stringify(d.events);
    for (const pii of ['Jane Doe', 'Harrison', 'Dock 4', '555 0199', 'receiving@']) assert.ok(!json.includes(pii), `event contains "${pii}"`);
  });

  it('refuses an unknown service level code, naming it', () => {
    assertRejected({ ...wmsFixture('order-released'), serviceLevelCode: 'WARP' }, 'UNKNOWN_CODE', ['serviceLevelCode'], /unknown WMS service level code "WARP"/);
  });

  it('lists missing and invalid fields with their paths', () => {
    const body = wmsFixture('order-released');
    delete body.customerId;
    body.requestedShipDate = '22.11.2026';
    body.lines[1].quantityOrdered = 0;
    assertRejected(body, 'VALIDATION_FAILED', ['customerId', 'requestedShipDate', 'lines.1.quantityOrdered']);
  });
});
