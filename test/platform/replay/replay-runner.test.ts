import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TypedEvent } from '../../../services/platform/events/canonical-event.ts';
import type { EventProducer } from '../../../services/platform/kafka/event-producer.ts';
import type { TopicCatalog } from '../../../services/platform/kafka/topic-catalog.ts';
import { replayCommand } from '../../../services/platform/replay/replay-commands.ts';
import type { ReplayToolkit } from '../../../services/platform/replay/replay-toolkit.ts';
import { Platform } from '../../../services/platform/runtime/platform.ts';
import { consumerEvents, newShipment, typed, type TestShipment } from '../../support/consumer-fixtures.ts';
import { waitForCaughtUp } from '../../support/consumer-lag.ts';
import { startErpConsumer } from '../../support/erp.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';
import { outageErp, openToolkit } from '../../support/replay.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../../support/test-env.ts';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);

/** Pick, dispatch and delivery of a shipment (ERP and notification relevant). */
function story(s: TestShipment, occurredAt?: Date): TypedEvent[] {
  return [
    typed('PickCompleted', pickCompletedEvent(s.shipmentId)),
    typed('ShipmentDispatched', consumerEvents.ShipmentDispatched(s, { occurredAt })),
    typed('ProofOfDeliveryReceived', consumerEvents.ProofOfDeliveryReceived(s, new Date(), { occurredAt })),
  ];
}
const ids = (events: TypedEvent[]) => events.map((e) => e.event.envelope.eventId);

describe('replay preview', () => {
  const cfg = testPlatformConfig(undefined, 'replay-preview');
  let erp: Awaited<ReturnType<typeof outageErp>>;
  let tk: ReplayToolkit;
  let platform: Platform;
  let producer: EventProducer;
  let catalog: TopicCatalog;
  before(async () => {
    catalog = await provision(cfg);
    erp = await outageErp();
    tk = await openToolkit(cfg, erp.url);
    platform = Platform.fromConfig(cfg, testLogger);
    producer = await platform.eventProducer();
  });
  after(async () => {
    await tk?.close();
    await platform?.close();
    await erp?.close();
  });

  it('counts per consumer what the replay then does: calls, already done, held back, without effect, not handled', async () => {
    const [done, missed, old] = [newShipment(), newShipment(), newShipment()];
    // The live ERP consumer handled the first shipment before the window is replayed.
    const live = await startErpConsumer(cfg, erp.url);
    await producer.publish(story(done));
    await waitFor('first shipment posted live', () => erp.calls.filter((c) => c.ok).length === 3, 20_000);
    // The ERP counts a call when it answers; the consumer records the effect as done just after.
    // Stopping in between would leave the third effect unfinished, to be called again.
    await waitForCaughtUp(cfg, live.config.groupId, catalog.lifecycle.name, 20_000);
    await live.stop();
    await producer.publish([
      ...story(missed),
      typed('InTransit', consumerEvents.InTransit(missed, 'DEPARTED_FACILITY')),
      typed('EtaUpdated', consumerEvents.EtaUpdated(missed, new Date(Date.now() + 3_600_000), null)),
      typed('ShipmentDispatched', consumerEvents.ShipmentDispatched(old, { occurredAt: daysAgo(2) })),
    ]);
    const req = { consumers: ['erp-consumer', 'notification-service'], actor: 'test' };
    const preview = await replayCommand(tk, req);
    assert.equal(preview.mode, 'preview');
    assert.deepEqual(preview.counts.consumers['erp-consumer'], { calls: 4, alreadyDone: 3, heldBack: 0, noEffect: 0, notHandled: 2 });
    assert.deepEqual(preview.counts.consumers['notification-service'], { calls: 4, alreadyDone: 0, heldBack: 1, noEffect: 2, notHandled: 2 });
    assert.equal(erp.calls.length, 3, 'the preview caused no ERP call');

    const callsBefore = erp.calls.length;
    const run = await replayCommand(tk, { ...req, execute: true, runId: `preview-${Date.now()}` });
    assert.equal(run.mode === 'executed' && run.status, 'completed');
    assert.deepEqual(run.counts, preview.counts, 'the executed replay did exactly what the preview said');
    assert.equal(erp.calls.length - callsBefore, preview.counts.consumers['erp-consumer']!.calls, 'as many ERP calls as previewed');

    const afterwards = await replayCommand(tk, req);
    assert.deepEqual(afterwards.counts.consumers['erp-consumer'], { calls: 0, alreadyDone: 7, heldBack: 0, noEffect: 0, notHandled: 2 }, 'a second replay would repeat nothing');
  });
});

describe('replaying one shipment', () => {
  const cfg = testPlatformConfig(undefined, 'replay-shipment');
  let erp: Awaited<ReturnType<typeof outageErp>>;
  let tk: ReplayToolkit;
  let platform: Platform;
  const [a, b, c] = [newShipment(), newShipment(), newShipment()];
  const stories = { a: story(a), b: story(b), c: story(c) };
  before(async () => {
    await provision(cfg);
    erp = await outageErp();
    tk = await openToolkit(cfg, erp.url);
    platform = Platform.fromConfig(cfg, testLogger);
    const producer = await platform.eventProducer();
    // Interleaved as they happen, with A's order release (keyed by order) among them.
    const events = [typed('OrderReleased', consumerEvents.OrderReleased(a)), stories.b[0]!, stories.a[0]!, stories.c[0]!, stories.a[1]!, stories.b[1]!, stories.c[1]!, stories.a[2]!, stories.b[2]!, stories.c[2]!];
    for (const e of events) await producer.publish([e]);
  });
  after(async () => {
    await tk?.close();
    await platform?.close();
    await erp?.close();
  });

  it('filters by event type in the preview', async () => {
    const preview = await replayCommand(tk, { consumers: ['erp-consumer'], shipments: [a.shipmentId, b.shipmentId], eventTypes: ['ShipmentDispatched'], actor: 'test' });
    assert.equal(preview.counts.consumers['erp-consumer']!.calls, 2);
  });

  it('re-delivers exactly that shipment\'s events, in order', async () => {
    const run = await replayCommand(tk, { consumers: ['erp-consumer'], shipments: [a.shipmentId], execute: true, actor: 'test', runId: `shipment-${Date.now()}` });
    assert.equal(run.mode === 'executed' && run.status, 'completed');
    assert.deepEqual(erp.calls.map((x) => x.key), ids(stories.a), 'only A\'s events, in lifecycle order');
    assert.equal(run.counts.consumers['erp-consumer']!.calls, 3);
  });
});

describe('operator control of a running replay', () => {
  const cfg = testPlatformConfig(undefined, 'replay-control');
  let erp: Awaited<ReturnType<typeof outageErp>>;
  let tk: ReplayToolkit;
  let platform: Platform;
  const events = Array.from({ length: 20 }, () => typed('PickCompleted', pickCompletedEvent(newShipment().shipmentId)));
  before(async () => {
    await provision(cfg);
    erp = await outageErp();
    tk = await openToolkit(cfg, erp.url);
    platform = Platform.fromConfig(cfg, testLogger);
    await (await platform.eventProducer()).publish(events);
  });
  after(async () => {
    await tk?.close();
    await platform?.close();
    await erp?.close();
  });

  it('pause holds the run, resume continues it, cancel ends it (recorded in the audit log)', async () => {
    const runId = `control-${Date.now()}`;
    const running = replayCommand(tk, { consumers: ['erp-consumer'], execute: true, rate: 10, runId, actor: 'carol' });
    await waitFor('a few calls', () => erp.calls.length >= 3, 20_000);
    assert.equal(await tk.runs.request(runId, 'pause'), true);
    await waitFor('paused', async () => (await tk.runs.get(runId))?.status === 'paused', 10_000);
    const heldAt = erp.calls.length;
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(erp.calls.length, heldAt, 'no calls while paused');
    await tk.runs.request(runId, 'resume');
    await waitFor('running again', () => erp.calls.length > heldAt, 10_000);
    await tk.runs.request(runId, 'cancel');
    const out = await running;
    assert.equal(out.mode === 'executed' && out.status, 'cancelled');
    assert.ok(erp.calls.length < events.length, 'cancelled before the end');
    assert.equal((await tk.runs.get(runId))?.status, 'cancelled');
    const audit = (await tk.audit.list()).filter((e) => e.what.runId === runId);
    assert.equal(audit.at(-1)?.outcome, 'cancelled');
    await assert.rejects(replayCommand(tk, { consumers: ['erp-consumer'], execute: true, runId, actor: 'carol' }), (e: { code?: string }) => e.code === 'RUN_CONFLICT');
  });
});
