import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapTms, plannedShipment123, tmsFixture } from './tms-test-kit.ts';

describe('TMS tender.accepted → ShipmentPlanned (confirmed plan, not a departure)', () => {
  it('confirms the plan with the carrier PRO as tracking number', () => {
    const d = mapTms(tmsFixture('tender-accepted'));
    assert.equal(d.vendorEventId, 'tms-evt-TND-88120-accepted');
    assert.deepEqual(d.events, [
      plannedShipment123(0, { occurredAt: '2026-11-21T15:00:00Z', carrier: 'ODFL', serviceLevel: 'SCHEDULED', serviceCode: 'LTL-GUAR', trackingNumber: '7784512903' }),
    ]);
    assertSchemaValid(d.events);
  });

  it('needs the tender id', () => {
    const body = tmsFixture('tender-accepted');
    delete body.tenderId;
    assertRejected(body, 'VALIDATION_FAILED', ['tenderId']);
  });
});
