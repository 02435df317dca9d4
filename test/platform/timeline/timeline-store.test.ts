import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { platformConfigFromEnv } from '../../../services/platform/config/load-config.ts';
import { EffectLedger } from '../../../services/platform/dedup/effect-ledger.ts';
import { StateStore } from '../../../services/platform/state/state-store.ts';
import { TimelineStore, type TimelineEntry } from '../../../services/platform/timeline/timeline-store.ts';

type Entry = Omit<TimelineEntry, 'processedBy'>;

describe('timeline store (PostgreSQL)', () => {
  let store: StateStore;
  let timeline: TimelineStore;
  let ledger: EffectLedger;
  const n = randomUUID().slice(0, 8);
  const shipmentId = `SHP-${n}`;
  const orderId = `SO-${n}`;
  const topic = (t: string) => `tl-${n}.${t}`;
  const at = (min: number) => new Date(Date.UTC(2026, 0, 5, 8, min));
  let offset = 100;
  const entry = (p: Partial<Entry> & Pick<Entry, 'eventType' | 'occurredAt'>): Entry => ({
    key: shipmentId,
    shipmentId,
    orderId,
    eventId: randomUUID(),
    source: 'wms-dc-1',
    topic: topic('logistics.shipment.lifecycle.v1'),
    partition: 2,
    offset: String(offset--),
    kind: 'event',
    recordedAt: new Date(p.occurredAt.getTime() + 1000),
    correlationId: `corr-${n}`,
    ...p,
  });

  before(async () => {
    store = new StateStore(platformConfigFromEnv(process.env, 'timeline-test').stateStore.url);
    timeline = await TimelineStore.open(store);
    ledger = await EffectLedger.open(store);
  });
  after(() => store.close());

  it("returns a shipment's entries across topics in event-time order, with its order's pre-shipment events and who processed each", async () => {
    const released = entry({ eventType: 'OrderReleased', occurredAt: at(0), key: `order:${orderId}`, shipmentId: undefined, source: 'erp-1', partition: 0 });
    const picked = entry({ eventType: 'PickCompleted', occurredAt: at(10) });
    const dispatched = entry({ eventType: 'ShipmentDispatched', occurredAt: at(20), traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    const retried = { ...dispatched, topic: topic('logistics.retry.v1'), partition: 0, offset: '3', kind: 'retry' as const, consumer: 'erp-consumer', reason: 'DOWNSTREAM_UNAVAILABLE' };
    const deadLettered = { ...dispatched, topic: topic('logistics.deadletter.v1'), partition: 1, offset: '0', kind: 'dead-letter' as const, consumer: 'erp-consumer', reason: 'DOWNSTREAM_REJECTED: 422' };
    const other = entry({ eventType: 'PickCompleted', occurredAt: at(5), key: `SHP-other-${n}`, shipmentId: `SHP-other-${n}`, orderId: `SO-other-${n}` });
    // Written out of order, some twice (redelivery): the index keeps one entry per record.
    for (const e of [deadLettered, dispatched, other, picked, retried, released, picked, deadLettered]) await timeline.record(e);
    await ledger.claim('erp-consumer', picked.eventId);
    await ledger.complete('erp-consumer', picked.eventId, { postingId: 'P-1' });
    await ledger.claim('notification-service', dispatched.eventId);

    const found = await timeline.search(shipmentId);
    assert.deepEqual(
      found.map((e) => [e.eventType, e.kind, e.topic, e.offset]),
      [released, picked, dispatched, retried, deadLettered].map((e) => [e.eventType, e.kind, e.topic, e.offset]),
    );
    const [r, p, d, rt, dl] = found;
    assert.equal(r!.key, `order:${orderId}`);
    assert.equal(r!.shipmentId, undefined);
    assert.equal(r!.source, 'erp-1');
    assert.deepEqual(p!.processedBy.map((x) => [x.consumer, x.state, x.doneAt instanceof Date]), [['erp-consumer', 'done', true]]);
    assert.deepEqual(d!.processedBy, [{ consumer: 'notification-service', state: 'pending' }]);
    assert.equal(d!.traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.deepEqual([rt!.consumer, rt!.reason, dl!.consumer, dl!.reason], ['erp-consumer', 'DOWNSTREAM_UNAVAILABLE', 'erp-consumer', 'DOWNSTREAM_REJECTED: 422']);
    assert.deepEqual(d!.occurredAt, at(20));
    assert.deepEqual(d!.recordedAt, new Date(at(20).getTime() + 1000));

    assert.deepEqual((await timeline.search(orderId)).map((e) => e.eventType), ['OrderReleased', 'PickCompleted', 'ShipmentDispatched', 'ShipmentDispatched', 'ShipmentDispatched']);
    assert.deepEqual((await timeline.search(`order:${orderId}`)).length, 5, 'the order key finds the shipment made for it');
    assert.deepEqual((await timeline.search(shipmentId, { limit: 2 })).map((e) => e.eventType), ['OrderReleased', 'PickCompleted']);
    assert.deepEqual(await timeline.search(`SHP-none-${n}`), []);
  });

  it('indexes an undecodable record with what is known', async () => {
    const key = `SHP-bad-${n}`;
    await timeline.record({ key, eventId: '', eventType: 'UNDECODABLE', source: '', topic: topic('logistics.deadletter.v1'), partition: 0, offset: '7', kind: 'dead-letter', occurredAt: at(30), recordedAt: at(30), error: 'BAD_MAGIC_BYTE: record value starts with byte 123' });
    const [e] = await timeline.search(key);
    assert.deepEqual([e!.eventType, e!.kind, e!.offset, e!.error, e!.processedBy], ['UNDECODABLE', 'dead-letter', '7', 'BAD_MAGIC_BYTE: record value starts with byte 123', []]);
  });
});
