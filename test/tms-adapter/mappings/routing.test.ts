import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tmsMappings } from '../../../services/tms-adapter/mappings/index.ts';
import { tmsAdapter } from '../../../services/tms-adapter/tms-adapter.ts';
import { assertRejected, mapTms, tmsFixture } from './tms-test-kit.ts';

describe('TMS adapter definition and routing by eventType', () => {
  it('is the TMS source on port 18101 with one JSON endpoint', () => {
    assert.deepEqual([tmsAdapter.name, tmsAdapter.sourceKind, tmsAdapter.envPrefix, tmsAdapter.defaultPort], ['tms-adapter', 'TMS', 'TMS', 18101]);
    assert.deepEqual(Object.keys(tmsAdapter.endpoints), ['/webhooks/tms/v1']);
  });

  it('routes every fixture to its kind, and every kind has a fixture', () => {
    const fixtures: Record<string, string> = {
      'load.planned': 'load-planned',
      'carrier.assigned': 'carrier-assigned',
      'tender.accepted': 'tender-accepted',
      'shipment.dispatched': 'shipment-dispatched',
      'eta.changed': 'eta-changed',
    };
    assert.deepEqual(Object.keys(fixtures).sort(), Object.keys(tmsMappings).sort());
    for (const [kind, name] of Object.entries(fixtures)) assert.equal(mapTms(tmsFixture(name)).kind, kind);
  });

  it('an unknown eventType is UNKNOWN_EVENT_TYPE naming it', () => {
    assertRejected({ ...tmsFixture('eta-changed'), eventType: 'load.teleported' }, 'UNKNOWN_EVENT_TYPE', ['eventType'], /"load\.teleported"/);
  });
});
