import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapWms, wmsEnvelope, wmsFixture } from './wms-test-kit.ts';

describe('WMS carton.closed → PackCompleted', () => {
  it('maps the carton with SSCC, weight, dimensions and contents', () => {
    const d = mapWms(wmsFixture('carton-closed'));
    assert.equal(d.vendorEventId, 'wms-evt-20261121-142000-0131');
    assert.deepEqual(d.events, [
      {
        eventType: 'PackCompleted',
        event: {
          envelope: wmsEnvelope(0, 'PackCompleted', {
            occurredAt: new Date('2026-11-21T14:20:00Z'),
            correlationId: 'order:SO-2026-004711',
            shipmentId: 'SHP-2026-000123',
            orderId: 'SO-2026-004711',
            warehouseId: 'DC-EAST-01',
          }),
          packageId: 'CTN-0000481',
          sscc: '006141411234567890',
          cartonType: 'BOX-L',
          weight: { value: 18.4, unit: 'LB' },
          dimensions: { length: 24, width: 16, height: 12, unit: 'IN' },
          packStationId: 'PACK-07',
          lines: [
            { lineNumber: 1, sku: 'SKU-10021', quantity: 24, unitOfMeasure: 'EA', lotNumber: null },
            { lineNumber: 2, sku: 'SKU-10022', quantity: 3, unitOfMeasure: 'CS', lotNumber: 'LOT-2611-A' },
          ],
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('a parcel label printed at pack sets carrier and tracking number', () => {
    const [e] = mapWms({ ...wmsFixture('carton-closed'), carrierCode: 'FDEG', trackingNumber: '794612345678' }).events;
    assert.deepEqual([e!.event.envelope.carrierCode, e!.event.envelope.trackingNumber], ['FDEG', '794612345678']);
  });

  it('refuses an SSCC with a wrong check digit and an unknown weight unit', () => {
    assertRejected({ ...wmsFixture('carton-closed'), sscc: '006141411234567891', weight: { value: 18.4, uom: 'LBS' } }, 'VALIDATION_FAILED', ['sscc', 'weight.uom']);
  });
});
