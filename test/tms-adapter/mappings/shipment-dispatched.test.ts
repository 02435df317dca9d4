import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapTms, tmsEnvelope, tmsFixture } from './tms-test-kit.ts';

describe('TMS shipment.dispatched → ShipmentDispatched', () => {
  it('maps the departure: origin, equipment, BOL, PRO, units and weight', () => {
    const d = mapTms(tmsFixture('shipment-dispatched'));
    assert.equal(d.vendorEventId, 'tms-evt-SHP-2026-000123-dispatched');
    assert.deepEqual(d.events, [
      {
        eventType: 'ShipmentDispatched',
        event: {
          envelope: tmsEnvelope(0, 'ShipmentDispatched', {
            occurredAt: new Date('2026-11-22T13:50:00Z'),
            correlationId: 'shipment:SHP-2026-000123',
            shipmentId: 'SHP-2026-000123',
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
          totalWeight: { value: 567, unit: 'KG' },
          trackingNumbers: [],
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('lists missing and invalid fields with their paths', () => {
    const body = tmsFixture('shipment-dispatched');
    body.handlingUnitCount = 0;
    delete body.origin;
    assertRejected(body, 'VALIDATION_FAILED', ['handlingUnitCount', 'origin']);
  });

  it('refuses a unit count past an Avro int, naming it (found by the bad-input battery: a 500 before)', () => {
    const body = tmsFixture('shipment-dispatched');
    body.handlingUnitCount = 2_147_483_648;
    assertRejected(body, 'VALIDATION_FAILED', ['handlingUnitCount']);
  });
});
