import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carrierAdapter } from '../../../services/carrier-adapter/carrier-adapter.ts';
import { partitionKeyOf, type IoLogisticsCommon, type TypedEvent } from '../../../services/platform/events/canonical-event.ts';
import type { BodyRouter } from '../../../services/platform/ingest/body-router.ts';
import { murmur2Partition } from '../../../services/platform/kafka/murmur2-partitioner.ts';
import { tmsAdapter } from '../../../services/tms-adapter/tms-adapter.ts';
import { wmsAdapter } from '../../../services/wms-adapter/wms-adapter.ts';
import { fixtureText, mapBody, testContext } from '../../support/mapping-harness.ts';

const wms = wmsAdapter.endpoints['/webhooks/wms/v1']!;
const tms = tmsAdapter.endpoints['/webhooks/tms/v1']!;
const edi = carrierAdapter.endpoints['/webhooks/carrier/v1/edi']!;

/** A fixture, the router it goes through, and which of its events concern the shared shipment. */
const deliveries: Array<{ fixture: string; router: BodyRouter; kind: IoLogisticsCommon.SourceKind; contentType: string; events: number[] }> = [
  { fixture: 'wms/inventory-allocated.json', router: wms, kind: 'WMS', contentType: 'application/json', events: [0] },
  { fixture: 'wms/pick-confirmed.json', router: wms, kind: 'WMS', contentType: 'application/json', events: [0] },
  { fixture: 'wms/carton-closed.json', router: wms, kind: 'WMS', contentType: 'application/json', events: [0] },
  { fixture: 'wms/dock-departed.json', router: wms, kind: 'WMS', contentType: 'application/json', events: [0] },
  { fixture: 'wms/return-received.json', router: wms, kind: 'WMS', contentType: 'application/json', events: [0] },
  { fixture: 'tms/load-planned.json', router: tms, kind: 'TMS', contentType: 'application/json', events: [0] },
  { fixture: 'tms/carrier-assigned.json', router: tms, kind: 'TMS', contentType: 'application/json', events: [0] },
  { fixture: 'tms/tender-accepted.json', router: tms, kind: 'TMS', contentType: 'application/json', events: [0] },
  { fixture: 'tms/shipment-dispatched.json', router: tms, kind: 'TMS', contentType: 'application/json', events: [0] },
  { fixture: 'tms/eta-changed.json', router: tms, kind: 'TMS', contentType: 'application/json', events: [0] },
  { fixture: 'ltl-carrier-x12/214-multi-status.edi', router: edi, kind: 'CARRIER', contentType: 'application/edi-x12', events: [0, 1, 2, 3, 4] },
  // Its second transaction set is another shipment of the same load.
  { fixture: 'ltl-carrier-x12/214-delivered-and-delayed.edi', router: edi, kind: 'CARRIER', contentType: 'application/edi-x12', events: [0] },
];

function eventsOfSharedShipment(): Array<{ source: IoLogisticsCommon.SourceKind; fixture: string; event: TypedEvent }> {
  return deliveries.flatMap((d) => {
    const mapped = mapBody(d.router, fixtureText(d.fixture), d.contentType, testContext(d.kind, `${d.kind.toLowerCase()}-test`)).events;
    return d.events.map((i) => ({ source: d.kind, fixture: d.fixture, event: mapped[i]! }));
  });
}

describe('one shipment seen by WMS, TMS and carrier mappings has one partition key', () => {
  it('every event of SHP-2026-000123 carries shipmentId SHP-2026-000123 and the same key', () => {
    const events = eventsOfSharedShipment();
    assert.deepEqual([...new Set(events.map((e) => e.source))], ['WMS', 'TMS', 'CARRIER']);
    for (const e of events) {
      assert.equal(e.event.event.envelope.shipmentId, 'SHP-2026-000123', `${e.fixture} ${e.event.eventType}`);
      assert.equal(partitionKeyOf(e.event.event.envelope), 'SHP-2026-000123', `${e.fixture} ${e.event.eventType}`);
    }
    const partitions = new Set(events.map((e) => murmur2Partition(partitionKeyOf(e.event.event.envelope), 12)));
    assert.equal(partitions.size, 1, 'all on one partition of a 12-partition topic');
  });

  it('the other shipment of the load is keyed apart, and the order release before any shipment by its order', () => {
    const load = mapBody(tms, fixtureText('tms/load-planned.json'), 'application/json', testContext('TMS', 'tms-test')).events;
    assert.equal(partitionKeyOf(load[1]!.event.envelope), 'SHP-2026-000124');
    const [released] = mapBody(wms, fixtureText('wms/order-released.json'), 'application/json', testContext('WMS', 'wms-test')).events;
    assert.equal(released!.event.envelope.shipmentId, null);
    assert.equal(partitionKeyOf(released!.event.envelope), 'order:SO-2026-004711');
  });
});
