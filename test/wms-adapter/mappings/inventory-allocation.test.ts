import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapWms, wmsEnvelope, wmsFixture } from './wms-test-kit.ts';

describe('WMS inventory.allocated → InventoryAllocated', () => {
  it('maps a partial allocation: allocated lines and the backordered remainder', () => {
    const d = mapWms(wmsFixture('inventory-allocated'));
    assert.equal(d.vendorEventId, 'wms-evt-20261120-140500-0042');
    assert.deepEqual(d.events, [
      {
        eventType: 'InventoryAllocated',
        event: {
          envelope: wmsEnvelope(0, 'InventoryAllocated', {
            occurredAt: new Date('2026-11-20T14:05:00Z'),
            correlationId: 'order:SO-2026-004711',
            shipmentId: 'SHP-2026-000123',
            orderId: 'SO-2026-004711',
            warehouseId: 'DC-EAST-01',
          }),
          allocationId: 'ALLOC-771204',
          waveId: 'WAVE-20261120-02',
          fullyAllocated: false,
          lines: [
            { lineNumber: 1, sku: 'SKU-10021', quantity: 24, unitOfMeasure: 'EA', lotNumber: null },
            { lineNumber: 2, sku: 'SKU-10022', quantity: 4, unitOfMeasure: 'CS', lotNumber: 'LOT-2611-A' },
          ],
          backorderedLines: [{ lineNumber: 2, sku: 'SKU-10022', quantity: 2, unitOfMeasure: 'CS', lotNumber: 'LOT-2611-A' }],
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('without a shipment number the allocation is keyed by its order', () => {
    const body = wmsFixture('inventory-allocated');
    delete body.shipmentNumber;
    const [e] = mapWms(body).events;
    assert.deepEqual([e!.event.envelope.shipmentId, e!.event.envelope.orderId], [null, 'SO-2026-004711']);
  });

  it('refuses an allocation above the ordered quantity, naming both quantities of the line', () => {
    const body = wmsFixture('inventory-allocated');
    body.lines[0].quantityAllocated = 30;
    assertRejected(body, 'VALIDATION_FAILED', ['lines.0.quantityAllocated', 'lines.0.quantityOrdered']);
  });
});
