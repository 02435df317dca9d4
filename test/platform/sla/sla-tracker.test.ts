import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EffectLedger } from '../../../services/platform/dedup/effect-ledger.ts';
import { parseSlaRules } from '../../../services/platform/sla/sla-rules.ts';
import { SlaStore } from '../../../services/platform/sla/sla-store.ts';
import { SlaTracker, type ObservedEvent } from '../../../services/platform/sla/sla-tracker.ts';
import { StateStore } from '../../../services/platform/state/state-store.ts';
import { platformConfigFromEnv } from '../../../services/platform/config/load-config.ts';

const hour = 3_600_000;
const run = randomUUID().slice(0, 8);
const ids = { dispatch: `dispatch-${run}`, notified: `notified-${run}`, delivered: `delivered-${run}` };
const notifier = `notifier-${run}`;

const rules = parseSlaRules({
  slas: [
    { id: ids.dispatch, description: 'released orders dispatched', start: 'OrderReleased', end: { event: 'ShipmentDispatched', match: 'orderId' }, within: '1h' },
    { id: ids.notified, description: 'customer notified', start: 'DeliveryException', end: { consumer: notifier }, within: '15m' },
    { id: ids.delivered, description: 'delivered', start: 'ShipmentDispatched', end: { event: 'ProofOfDeliveryReceived', match: 'shipmentId' }, within: '72h' },
  ],
});

/** An event of a fresh order/shipment, occurred `agoMs` before now. */
function event(eventType: string, ids: { orderId: string; shipmentId: string }, agoMs: number): ObservedEvent {
  // OrderReleased happens before its shipment exists.
  const shipmentId = eventType === 'OrderReleased' ? null : ids.shipmentId;
  const envelope = { eventId: randomUUID(), occurredAt: new Date(Date.now() - agoMs), shipmentId, orderId: ids.orderId };
  return { eventType, envelope, key: shipmentId ?? `order:${ids.orderId}` };
}
const order = () => {
  const n = randomUUID().slice(0, 8);
  return { orderId: `SO-${n}`, shipmentId: `SHP-${n}` };
};

describe('SLA tracker and store (PostgreSQL)', () => {
  let store: StateStore;
  let sla: SlaStore;
  let tracker: SlaTracker;
  let ledger: EffectLedger;

  before(async () => {
    store = new StateStore(platformConfigFromEnv(process.env, 'sla-test').stateStore.url);
    sla = await SlaStore.open(store);
    ledger = await EffectLedger.open(store);
    tracker = new SlaTracker(rules, sla);
    await tracker.declare(`sla-test-${run}`);
  });
  after(async () => {
    await sla.declareRules([], `sla-test-${run}`);
    await store.close();
  });

  const summaryOf = async (ruleId: string) => (await sla.summary()).find((s) => s.ruleId === ruleId);
  const breachesOf = async (ruleId: string) => (await sla.breaches({ limit: 1000 })).filter((b) => b.ruleId === ruleId);

  it('opens one obligation per start event, however often the event is seen, and meets it with the matching end event', async () => {
    const o = order();
    const released = event('OrderReleased', o, 10 * 60_000);
    assert.deepEqual(await tracker.observe(released), []);
    assert.deepEqual(await tracker.observe(released), [], 'a redelivery opens nothing new');
    assert.deepEqual(await summaryOf(ids.dispatch), { ruleId: ids.dispatch, description: 'released orders dispatched', within: '1h', open: 1, met: 0, breached: 0, late: 0 });
    const dispatched = event('ShipmentDispatched', o, 0);
    const t = await tracker.observe(dispatched);
    assert.deepEqual(t, [{ ruleId: ids.dispatch, status: 'met', newlyMissed: false }]);
    assert.deepEqual(await tracker.observe(dispatched), [], 'a replayed end event changes nothing');
    // The dispatch also started the delivery clock.
    assert.equal((await summaryOf(ids.delivered))!.open, 1);
    assert.equal((await summaryOf(ids.dispatch))!.met, 1);
  });

  it('completes an obligation whose end event arrived first (different keys, different partitions)', async () => {
    const o = order();
    await tracker.observe(event('ShipmentDispatched', o, 0));
    assert.deepEqual(await tracker.observe(event('OrderReleased', o, 5 * 60_000)), [{ ruleId: ids.dispatch, status: 'met', newlyMissed: false }]);
  });

  it('sweeps an overdue obligation into breached once, then late when it completes; the clock runs on event time', async () => {
    const o = order();
    const released = event('OrderReleased', o, 2 * hour);
    await tracker.observe(released);
    const swept = (await tracker.sweep()).filter((t) => t.ruleId === ids.dispatch);
    assert.deepEqual(swept, [{ ruleId: ids.dispatch, status: 'breached', newlyMissed: true }]);
    assert.deepEqual((await tracker.sweep()).filter((t) => t.ruleId === ids.dispatch), [], 'a second sweep finds nothing new');
    const [b] = (await breachesOf(ids.dispatch)).filter((x) => x.startEventId === released.envelope.eventId);
    assert.deepEqual(b, {
      ruleId: ids.dispatch,
      description: 'released orders dispatched',
      key: `order:${o.orderId}`,
      startEventId: released.envelope.eventId,
      startEventType: 'OrderReleased',
      startedAt: released.envelope.occurredAt,
      deadline: new Date(released.envelope.occurredAt.getTime() + hour),
      status: 'breached',
    });
    const dispatched = event('ShipmentDispatched', o, 0);
    assert.deepEqual(await tracker.observe(dispatched), [{ ruleId: ids.dispatch, status: 'late', newlyMissed: false }], 'already counted as a breach when swept');
    const [late] = (await sla.breaches({ status: 'late', limit: 1000 })).filter((x) => x.startEventId === released.envelope.eventId);
    assert.equal(late!.status, 'late');
    assert.deepEqual(late!.completedAt, dispatched.envelope.occurredAt);
  });

  it('counts a late completion that no sweep saw as a missed deadline', async () => {
    const o = order();
    await tracker.observe(event('OrderReleased', o, 3 * hour));
    assert.deepEqual(await tracker.observe(event('ShipmentDispatched', o, 0)), [{ ruleId: ids.dispatch, status: 'late', newlyMissed: true }]);
  });

  it("completes a consumer-effect obligation when that consumer's effect for the start event is done", async () => {
    const o = order();
    const onTime = event('DeliveryException', o, 60_000);
    const overdue = event('DeliveryException', order(), 20 * 60_000);
    await tracker.observe(onTime);
    await tracker.observe(overdue);
    assert.deepEqual((await tracker.sweep()).filter((t) => t.ruleId === ids.notified), [{ ruleId: ids.notified, status: 'breached', newlyMissed: true }]);
    // Another consumer's effect, and a pending claim, complete nothing.
    await ledger.claim(`${notifier}-other`, onTime.envelope.eventId);
    await ledger.complete(`${notifier}-other`, onTime.envelope.eventId);
    await ledger.claim(notifier, onTime.envelope.eventId);
    assert.deepEqual((await tracker.sweep()).filter((t) => t.ruleId === ids.notified), []);
    await ledger.complete(notifier, onTime.envelope.eventId);
    await ledger.claim(notifier, overdue.envelope.eventId);
    await ledger.complete(notifier, overdue.envelope.eventId);
    const done = (await tracker.sweep()).filter((t) => t.ruleId === ids.notified);
    assert.deepEqual(done.sort((a, b) => a.status.localeCompare(b.status)), [
      { ruleId: ids.notified, status: 'late', newlyMissed: false },
      { ruleId: ids.notified, status: 'met', newlyMissed: false },
    ]);
    assert.deepEqual(await summaryOf(ids.notified), { ruleId: ids.notified, description: 'customer notified', within: '15m', open: 0, met: 1, breached: 0, late: 1 });
  });

  it("readers opening the store without rules see the declared descriptions; an owner's dropped rules leave the summary, others' stay", async () => {
    const reader = await SlaStore.open(store);
    assert.ok((await reader.summary()).some((s) => s.ruleId === ids.delivered && s.description === 'delivered' && s.within === '72h'));
    await reader.declareRules([], `someone-else-${run}`);
    assert.ok((await reader.summary()).some((s) => s.ruleId === ids.delivered), 'another owner does not touch these rules');
    await reader.declareRules(rules.slice(0, 2), `sla-test-${run}`);
    assert.equal((await reader.summary()).some((s) => s.ruleId === ids.delivered), false);
    await tracker.declare(`sla-test-${run}`);
  });
});
