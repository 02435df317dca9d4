import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapWms, wmsEnvelope, wmsFixture } from './wms-test-kit.ts';

describe('WMS return.received → ReturnReceived', () => {
  it('maps the inspected return, keyed by the original shipment', () => {
    const d = mapWms(wmsFixture('return-received'));
    assert.equal(d.vendorEventId, 'wms-evt-20261203-101500-0904');
    assert.deepEqual(d.events, [
      {
        eventType: 'ReturnReceived',
        event: {
          envelope: wmsEnvelope(0, 'ReturnReceived', {
            occurredAt: new Date('2026-12-03T10:15:00Z'),
            correlationId: 'shipment:SHP-2026-000123',
            shipmentId: 'SHP-2026-000123',
            orderId: 'SO-2026-004711',
            warehouseId: 'DC-EAST-01',
            carrierCode: 'FDEG',
            trackingNumber: '794699887766',
          }),
          rmaNumber: 'RMA-2026-009931',
          customerId: 'CUST-88412',
          returnReasonCode: 'DAMAGED_IN_TRANSIT',
          condition: 'DAMAGED',
          dispositionCode: 'RTV',
          lines: [{ lineNumber: 1, sku: 'SKU-10022', quantity: 1, unitOfMeasure: 'CS', lotNumber: 'LOT-2611-A' }],
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('refuses an unknown condition grade, naming it', () => {
    assertRejected({ ...wmsFixture('return-received'), conditionGrade: 'Z' }, 'UNKNOWN_CODE', ['conditionGrade'], /unknown WMS return condition grade "Z"/);
  });

  it('lists missing fields with their paths', () => {
    const body = wmsFixture('return-received');
    delete body.rmaNumber;
    delete body.originalShipmentNumber;
    assertRejected(body, 'VALIDATION_FAILED', ['rmaNumber', 'originalShipmentNumber']);
  });
});
