import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSchemaValid } from '../../support/mapping-harness.ts';
import { assertRejected, mapTms, tmsEnvelope, tmsFixture } from './tms-test-kit.ts';

describe('TMS eta.changed → EtaUpdated', () => {
  it('maps previous and new ETA, the window and the reason', () => {
    const d = mapTms(tmsFixture('eta-changed'));
    assert.equal(d.vendorEventId, 'tms-evt-SHP-2026-000123-eta-3');
    assert.deepEqual(d.events, [
      {
        eventType: 'EtaUpdated',
        event: {
          envelope: tmsEnvelope(0, 'EtaUpdated', {
            occurredAt: new Date('2026-11-23T12:05:00Z'),
            correlationId: 'shipment:SHP-2026-000123',
            shipmentId: 'SHP-2026-000123',
            carrierCode: 'ODFL',
          }),
          previousEta: new Date('2026-11-24T15:00:00Z'),
          newEta: new Date('2026-11-24T17:30:00Z'),
          etaWindowStart: new Date('2026-11-24T16:00:00Z'),
          etaWindowEnd: new Date('2026-11-24T19:00:00Z'),
          reason: 'TRAFFIC',
          carrierReasonCode: 'TRF',
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('refuses an unknown reason code, naming it', () => {
    assertRejected({ ...tmsFixture('eta-changed'), reasonCode: 'ALIENS' }, 'UNKNOWN_CODE', ['reasonCode'], /unknown TMS ETA reason code "ALIENS"/);
  });

  it('lists missing and invalid fields with their paths', () => {
    const body = tmsFixture('eta-changed');
    delete body.newEta;
    body.previousEta = 'tomorrow';
    assertRejected(body, 'VALIDATION_FAILED', ['newEta', 'previousEta']);
  });
});
