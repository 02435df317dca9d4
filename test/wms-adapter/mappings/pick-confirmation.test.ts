import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapWms, wmsEnvelope, wmsFixture } from './wms-test-kit.ts';

describe('WMS pick.confirmed → PickCompleted', () => {
  it('maps picked lines, the short pick and the totes', () => {
    const d = mapWms(wmsFixture('pick-confirmed'));
    assert.equal(d.vendorEventId, 'wms-evt-20261121-131000-0108');
    assert.deepEqual(d.events, [
      {
        eventType: 'PickCompleted',
        event: {
          envelope: wmsEnvelope(0, 'PickCompleted', {
            occurredAt: new Date('2026-11-21T13:10:00Z'),
            correlationId: 'order:SO-2026-004711',
            shipmentId: 'SHP-2026-000123',
            orderId: 'SO-2026-004711',
            warehouseId: 'DC-EAST-01',
          }),
          pickListId: 'PL-558801',
          pickTaskId: null,
          waveId: 'WAVE-20261120-02',
          lines: [
            { lineNumber: 1, sku: 'SKU-10021', quantity: 24, unitOfMeasure: 'EA', lotNumber: null },
            { lineNumber: 2, sku: 'SKU-10022', quantity: 3, unitOfMeasure: 'CS', lotNumber: 'LOT-2611-A' },
          ],
          shortPicked: true,
          shortPickedLines: [{ lineNumber: 2, sku: 'SKU-10022', quantity: 1, unitOfMeasure: 'CS', lotNumber: 'LOT-2611-A' }],
          toteIds: ['TOTE-0091', 'TOTE-0107'],
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('lists missing fields with their paths', () => {
    const body = wmsFixture('pick-confirmed');
    delete body.shipmentNumber;
    body.lines[0].quantityPicked = 'all';
    assertRejected(body, 'VALIDATION_FAILED', ['shipmentNumber', 'lines.0.quantityPicked']);
  });
});
