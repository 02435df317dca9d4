import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ErpConsumer } from '../../../services/erp-consumer/erp-consumer.ts';
import type { PlatformConfig } from '../../../services/platform/config/load-config.ts';
import type { TypedEvent } from '../../../services/platform/events/canonical-event.ts';
import type { TopicCatalog } from '../../../services/platform/kafka/topic-catalog.ts';
import { auditList, deadLetterList, redriveCommand, replayCommand } from '../../../services/platform/replay/replay-commands.ts';
import type { ReplayToolkit } from '../../../services/platform/replay/replay-toolkit.ts';
import { Platform } from '../../../services/platform/runtime/platform.ts';
import { consumerEvents, newShipment, typed, type TestShipment } from '../../support/consumer-fixtures.ts';
import { startErpConsumer } from '../../support/erp.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';
import { outageErp, openToolkit } from '../../support/replay.ts';
import { provision, recordCount, testLogger, testPlatformConfig, waitFor } from '../../support/test-env.ts';

/** A shipment's ERP-relevant events in lifecycle order: pick, dispatch, delivery. */
function story(s: TestShipment): TypedEvent[] {
  return [
    typed('PickCompleted', pickCompletedEvent(s.shipmentId)),
    typed('ShipmentDispatched', consumerEvents.ShipmentDispatched(s)),
    typed('ProofOfDeliveryReceived', consumerEvents.ProofOfDeliveryReceived(s, new Date())),
  ];
}
const ids = (events: TypedEvent[]) => events.map((e) => e.event.envelope.eventId);

/**
 * The ERP goes down while two shipments' events arrive: their first events fail, are parked
 * on the retry topic (the later ones follow them), and are dead-lettered when their retry
 * horizon (2 s here, as an operator might set it) runs out. Events before and after the
 * outage are posted live.
 */
async function outageStory(cfg: PlatformConfig) {
  const catalog: TopicCatalog = await provision(cfg);
  const erp = await outageErp();
  const consumer: ErpConsumer = await startErpConsumer(cfg, erp.url, { retryAttempts: 1, retryDelayMs: 100, retryHorizonMs: 2000, maxConcurrency: 1 });
  const platform = Platform.fromConfig(cfg, testLogger);
  const producer = await platform.eventProducer();
  const [before, a, b, afterS] = [newShipment(), newShipment(), newShipment(), newShipment()];
  const beforeEvents = story(before);
  const windowEvents = { a: story(a), b: story(b) };
  const afterEvents = story(afterS).slice(0, 1);
  await producer.publish(beforeEvents);
  await waitFor('events before the outage posted', () => ids(beforeEvents).every((k) => erp.postingsOf(k) === 1), 20_000);
  await sleep(20);
  const from = new Date();
  erp.state.down = true;
  // A's and B's events interleaved as they happen; each shipment stays in order on its partition.
  await producer.publish([windowEvents.a[0]!, windowEvents.b[0]!, windowEvents.a[1]!, windowEvents.b[1]!, windowEvents.a[2]!, windowEvents.b[2]!]);
  const to = new Date();
  await waitFor('all six window events dead-lettered', async () => (await recordCount(cfg, catalog.deadLetter.name)) === 6, 90_000);
  erp.state.down = false;
  await sleep(20);
  await producer.publish(afterEvents);
  await waitFor('event after the outage posted', () => erp.postingsOf(ids(afterEvents)[0]!) === 1, 20_000);
  return {
    catalog,
    erp,
    consumer,
    window: { from, to },
    shipments: { a, b },
    windowEvents,
    outside: [...beforeEvents, ...afterEvents],
    close: async () => {
      await consumer.stop();
      await platform.close();
      await erp.close();
    },
  };
}

type Story = Awaited<ReturnType<typeof outageStory>>;

function assertRecovered(s: Story) {
  for (const k of [...ids(s.windowEvents.a), ...ids(s.windowEvents.b)]) assert.equal(s.erp.postingsOf(k), 1, `window event ${k} posted exactly once`);
  assert.deepEqual(s.erp.postedFor(s.shipments.a.shipmentId), ids(s.windowEvents.a), 'shipment A in lifecycle order');
  assert.deepEqual(s.erp.postedFor(s.shipments.b.shipmentId), ids(s.windowEvents.b), 'shipment B in lifecycle order');
  for (const k of ids(s.outside)) assert.equal(s.erp.calls.filter((c) => c.key === k).length, 1, `event ${k} outside the window called once, never again`);
}

describe('replay after an ERP outage', () => {
  const cfg = testPlatformConfig(undefined, 'replay-outage');
  let s: Story;
  let tk: ReplayToolkit;
  before(async () => {
    s = await outageStory(cfg);
    tk = await openToolkit(cfg, s.erp.url);
  });
  after(async () => {
    await tk?.close();
    await s?.close();
  });

  it('a replay of the outage window leaves the ERP with every event of the window exactly once, in per-shipment order, and repeats nothing outside it', async () => {
    const w = { consumers: ['erp-consumer'], from: s.window.from.toISOString(), to: s.window.to.toISOString(), actor: 'test-oncall' };
    const preview = await replayCommand(tk, w);
    assert.equal(preview.mode, 'preview');
    assert.equal(preview.counts.records, 6, 'exactly the six window records');
    assert.equal(preview.counts.consumers['erp-consumer']!.calls, 6, 'six ERP calls to make: all were missed');
    assert.equal(s.erp.calls.filter((c) => c.ok).length, 4, 'the preview called nothing');

    const run = await replayCommand(tk, { ...w, execute: true, runId: `outage-${Date.now()}` });
    assert.equal(run.mode === 'executed' && run.status, 'completed');
    assert.equal(run.counts.consumers['erp-consumer']!.calls, 6);
    assertRecovered(s);

    const audit = await auditList(tk, 'replay');
    assert.equal(audit.at(-1)?.actor, 'test-oncall');
    assert.equal(audit.at(-1)?.outcome, 'completed');
    assert.equal(audit.at(-1)?.counts['erp-consumer.calls'], 6);
  });
});

describe('redrive after an ERP outage', () => {
  const cfg = testPlatformConfig(undefined, 'redrive-outage');
  let s: Story;
  let tk: ReplayToolkit;
  before(async () => {
    s = await outageStory(cfg);
    tk = await openToolkit(cfg, s.erp.url);
  });
  after(async () => {
    await tk?.close();
    await s?.close();
  });

  it('lists the dead letters grouped by consumer and error code, valid against today\'s schemas', async () => {
    const { groups, entries } = await deadLetterList(tk, {});
    assert.deepEqual(
      groups.map((g) => ({ consumer: g.consumer, errorCode: g.errorCode, count: g.count, valid: g.valid })),
      [{ consumer: 'erp-consumer', errorCode: 'DOWNSTREAM_UNAVAILABLE', count: 6, valid: 6 }],
    );
    assert.ok(entries.every((e) => e.original.topic === s.catalog.lifecycle.name));
  });

  it('a redrive of the window\'s dead letters to their topic leaves the ERP with each event once, in order, traced to its dead letter', async () => {
    const dry = await redriveCommand(tk, { consumer: 'erp-consumer', target: 'topic', actor: 'test-oncall' });
    assert.equal(dry.executed, false);
    assert.equal(dry.selected.length, 6);
    const out = await redriveCommand(tk, { consumer: 'erp-consumer', target: 'topic', execute: true, actor: 'test-oncall' });
    assert.equal(out.report!.redriven.length, 6);
    // The live consumer picks the redriven records up from the lifecycle topic.
    await waitFor('window events posted', () => [...ids(s.windowEvents.a), ...ids(s.windowEvents.b)].every((k) => s.erp.postingsOf(k) === 1), 30_000);
    assertRecovered(s);
    const again = await redriveCommand(tk, { consumer: 'erp-consumer', target: 'topic', execute: true, actor: 'test-oncall' });
    assert.equal(again.report!.skippedEarlier.length, 6, 'a second redrive of the same entries is refused unless --again');
    const audit = await auditList(tk, 'redrive');
    assert.equal(audit.length, 2);
    assert.equal(audit[0]!.counts.redriven, 6);
  });

  it('redriven records carry a header naming their dead-letter entry', async () => {
    const { readTopic } = await import('../../support/kafka-inspect.ts');
    const lifecycle = await readTopic(cfg.kafka.brokers, s.catalog.lifecycle.name, 13);
    const redriven = lifecycle.filter((r) => r.headers['redriven-from']);
    assert.equal(redriven.length, 6);
    for (const r of redriven) assert.match(r.headers['redriven-from']!, new RegExp(`^${s.catalog.deadLetter.name.replace(/\./g, '\\.')}/\\d+/\\d+$`));
  });
});

describe('redrive straight to the failed consumer', () => {
  const cfg = testPlatformConfig(undefined, 'redrive-consumer');
  let s: Story;
  let tk: ReplayToolkit;
  before(async () => {
    s = await outageStory(cfg);
    tk = await openToolkit(cfg, s.erp.url);
  });
  after(async () => {
    await tk?.close();
    await s?.close();
  });

  it('runs the ERP consumer\'s handler for the selected dead letters, in shipment order, once', async () => {
    const { entries } = await deadLetterList(tk, { errorCodes: ['DOWNSTREAM_UNAVAILABLE'] });
    const ofA = entries.filter((e) => e.key === s.shipments.a.shipmentId).map((e) => e.id);
    const out = await redriveCommand(tk, { ids: ofA, target: 'consumer', execute: true, actor: 'test-oncall' });
    assert.deepEqual(out.report!.redriven.sort(), [...ofA].sort());
    assert.deepEqual(s.erp.postedFor(s.shipments.a.shipmentId), ids(s.windowEvents.a), 'A posted, in order');
    assert.deepEqual(s.erp.postedFor(s.shipments.b.shipmentId), [], 'B was not selected');
    const rest = await redriveCommand(tk, { errorCodes: ['DOWNSTREAM_UNAVAILABLE'], target: 'consumer', execute: true, actor: 'test-oncall' });
    assert.equal(rest.report!.redriven.length, 3);
    assert.equal(rest.report!.skippedEarlier.length, 3);
    assertRecovered(s);
  });
});
