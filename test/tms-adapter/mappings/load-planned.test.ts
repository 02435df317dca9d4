import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapTms, plannedShipment123, tmsEnvelope, tmsFixture } from './tms-test-kit.ts';

describe('TMS load.planned → ShipmentPlanned per shipment', () => {
  it('plans both shipments of the load, in order, without contact data', () => {
    const d = mapTms(tmsFixture('load-planned'));
    assert.equal(d.kind, 'load.planned');
    assert.equal(d.vendorEventId, 'tms-evt-LD-2026-1122-07-planned-1');
    assert.deepEqual(d.events, [
      plannedShipment123(0, { occurredAt: '2026-11-20T16:00:00Z', carrier: 'SAIA', serviceLevel: 'STANDARD', serviceCode: 'STD' }),
      {
        eventType: 'ShipmentPlanned',
        event: {
          envelope: tmsEnvelope(1, 'ShipmentPlanned', {
            occurredAt: new Date('2026-11-20T16:00:00Z'),
            correlationId: 'shipment:SHP-2026-000124',
            shipmentId: 'SHP-2026-000124',
            orderId: null,
            warehouseId: 'DC-EAST-01',
            carrierCode: 'SAIA',
          }),
          loadId: 'LD-2026-1122-07',
          carrierCode: 'SAIA',
          serviceLevel: 'STANDARD',
          carrierServiceCode: 'STD',
          plannedPickupAt: new Date('2026-11-22T13:30:00Z'),
          plannedDeliveryAt: new Date('2026-11-25T14:00:00Z'),
          origin: { facilityId: 'DC-EAST-01', city: 'Columbus', subdivisionCode: 'US-OH', postalCode: '43217', countryCode: 'US' },
          destination: { facilityId: null, city: 'Milwaukee', subdivisionCode: 'US-WI', postalCode: '53204', countryCode: 'US' },
          orderIds: ['SO-2026-004712', 'SO-2026-004714'],
          customerId: 'CUST-88412',
        },
      },
    ]);
    assertSchemaValid(d.events);
    const json = JSON.stringify(d.events);
    for (const pii of ['Jane Doe', '555 0199', 'Spiegel', 'Shipping Office']) assert.ok(!json.includes(pii), `event contains "${pii}"`);
  });

  it('refuses an unknown service level code, naming it', () => {
    assertRejected({ ...tmsFixture('load-planned'), serviceLevelCode: 'HYPERLOOP' }, 'UNKNOWN_CODE', ['serviceLevelCode'], /unknown TMS service level code "HYPERLOOP"/);
  });

  it('lists missing and invalid fields with their paths', () => {
    const body = tmsFixture('load-planned');
    delete body.loadId;
    body.carrier.scac = 'odfl';
    delete body.shipments[1].delivery.plannedAt;
    body.shipments[0].orderNumbers = [];
    assertRejected(body, 'VALIDATION_FAILED', ['loadId', 'carrier.scac', 'shipments.1.delivery.plannedAt', 'shipments.0.orderNumbers']);
  });
});
