import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapWms, wmsEnvelope, wmsFixture } from './wms-test-kit.ts';

describe('WMS dock.departed → ShipmentDispatched', () => {
  it('maps the departed trailer: facility, equipment, seal, BOL, cartons and weight', () => {
    const d = mapWms(wmsFixture('dock-departed'));
    assert.equal(d.vendorEventId, 'wms-evt-20261122-134500-0177');
    assert.deepEqual(d.events, [
      {
        eventType: 'ShipmentDispatched',
        event: {
          envelope: wmsEnvelope(0, 'ShipmentDispatched', {
            occurredAt: new Date('2026-11-22T13:45:00Z'),
            correlationId: 'shipment:SHP-2026-000123',
            shipmentId: 'SHP-2026-000123',
            orderId: 'SO-2026-004711',
            warehouseId: 'DC-EAST-01',
            carrierCode: 'ODFL',
            trackingNumber: '7784512903',
          }),
          dispatchedFrom: { facilityId: 'DC-EAST-01', city: 'Columbus', subdivisionCode: 'US-OH', postalCode: '43217', countryCode: 'US' },
          loadId: 'LD-2026-1122-07',
          trailerId: 'TRL48213',
          vehicleId: 'ODFL-TR-5521',
          sealNumber: 'SEAL-0937712',
          billOfLadingNumber: 'BOL-2026-551234',
          packageCount: 3,
          totalWeight: { value: 1250, unit: 'LB' },
          trackingNumbers: [],
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('several orders leave orderId empty; parcel cartons list their tracking numbers', () => {
    const body = wmsFixture('dock-departed');
    body.orderNumbers = ['SO-2026-004711', 'SO-2026-004712'];
    body.cartons = [{ cartonId: 'C1', trackingNumber: '794612345678' }, { cartonId: 'C2', trackingNumber: '794612345679' }];
    const [e] = mapWms(body).events;
    assert.equal(e!.event.envelope.orderId, null);
    assert.deepEqual((e!.event as { trackingNumbers: string[] }).trackingNumbers, ['794612345678', '794612345679']);
  });

  it('lists missing fields with their paths', () => {
    const body = wmsFixture('dock-departed');
    delete body.carrierCode;
    body.shipFrom.countryCode = 'USA';
    assertRejected(body, 'VALIDATION_FAILED', ['carrierCode', 'shipFrom.countryCode']);
  });
});
