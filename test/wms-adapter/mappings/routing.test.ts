import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wmsMappings } from '../../../services/wms-adapter/mappings/index.ts';
import { assertRejected, mapWms, wmsFixture } from './wms-test-kit.ts';

describe('WMS endpoint routes JSON bodies by eventType', () => {
  const fixtures: Record<string, string> = {
    'order.released': 'order-released',
    'wave.released': 'wave-released',
    'inventory.allocated': 'inventory-allocated',
    'pick.confirmed': 'pick-confirmed',
    'carton.closed': 'carton-closed',
    'dock.departed': 'dock-departed',
    'return.received': 'return-received',
  };

  it('every registered kind has a fixture, and each fixture is routed to its kind', () => {
    assert.deepEqual(Object.keys(fixtures).sort(), Object.keys(wmsMappings).sort());
    for (const [kind, name] of Object.entries(fixtures)) assert.equal(mapWms(wmsFixture(name)).kind, kind);
  });

  it('an unknown eventType is UNKNOWN_EVENT_TYPE naming it', () => {
    assertRejected({ ...wmsFixture('pick-confirmed'), eventType: 'pallet.exploded' }, 'UNKNOWN_EVENT_TYPE', ['eventType'], /"pallet\.exploded"/);
  });
});
