import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapTms, plannedShipment123, tmsFixture } from './tms-test-kit.ts';

describe('TMS carrier.assigned → ShipmentPlanned', () => {
  it('replans the shipment with the newly assigned carrier and service', () => {
    const d = mapTms(tmsFixture('carrier-assigned'));
    assert.equal(d.vendorEventId, 'tms-evt-LD-2026-1122-07-carrier-2');
    assert.deepEqual(d.events, [plannedShipment123(0, { occurredAt: '2026-11-21T11:30:00Z', carrier: 'ODFL', serviceLevel: 'SCHEDULED', serviceCode: 'LTL-GUAR' })]);
    assertSchemaValid(d.events);
  });

  it('lists missing fields with their paths', () => {
    const body = tmsFixture('carrier-assigned');
    delete body.carrier;
    assertRejected(body, 'VALIDATION_FAILED', ['carrier']);
  });
});
