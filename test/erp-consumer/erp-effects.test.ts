import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { DemoErp } from '../../services/demo-erp/demo-erp.ts';
import type { ErpConsumer } from '../../services/erp-consumer/erp-consumer.ts';
import type { PlatformConfig } from '../../services/platform/config/load-config.ts';
import type { EventProducer } from '../../services/platform/kafka/event-producer.ts';
import type { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { consumerEvents, hamburgDc, newShipment, typed, type TestShipment } from '../support/consumer-fixtures.ts';
import { waitForCaughtUp } from '../support/consumer-lag.ts';
import { startErpConsumer } from '../support/erp.ts';
import { pickCompletedEvent } from '../support/fixtures.ts';
import { provision, recordCount, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';

/** One shipment's ERP-relevant events, in lifecycle order. */
function lifecycle(s: TestShipment) {
  const pick = pickCompletedEvent(s.shipmentId);
  pick.envelope.orderId = s.orderId;
  return [
    typed('OrderReleased', consumerEvents.OrderReleased(s)),
    typed('PickCompleted', pick),
    typed('ShipmentDispatched', consumerEvents.ShipmentDispatched(s)),
    typed('ProofOfDeliveryReceived', consumerEvents.ProofOfDeliveryReceived(s, new Date('2026-11-22T15:00:00Z'))),
    typed('ReturnReceived', {
      envelope: { ...consumerEvents.ShipmentDispatched(s).envelope, eventId: randomUUID(), eventType: 'ReturnReceived' },
      rmaNumber: `RMA-${s.orderId}`,
      customerId: s.customerId,
      returnReasonCode: 'DAMAGED_IN_TRANSIT',
      condition: 'DAMAGED',
      dispositionCode: null,
      lines: [{ lineNumber: 1, sku: 'SKU-1', quantity: 1, unitOfMeasure: 'EA', lotNumber: null }],
    }),
  ];
}

async function producerFor(cfg: PlatformConfig): Promise<{ producer: EventProducer; close(): Promise<void> }> {
  const platform = Platform.fromConfig(cfg, testLogger);
  return { producer: await platform.eventProducer(), close: () => platform.close() };
}

describe('ERP consumer: each event type becomes its ERP posting, once', () => {
  const cfg = testPlatformConfig(undefined, 'erp-effects');
  let catalog: TopicCatalog;
  let erp: DemoErp;
  let consumer: ErpConsumer;
  const shipment = newShipment();
  const events = lifecycle(shipment);

  before(async () => {
    catalog = await provision(cfg);
    erp = new DemoErp({ host: '127.0.0.1', port: 0 });
    await erp.start();
    consumer = await startErpConsumer(cfg, erp.url, { healthPort: 0 });
    const p = await producerFor(cfg);
    await p.producer.publish(events);
    await p.close();
  });
  after(async () => {
    await consumer?.stop();
    await erp?.stop();
  });

  it('posts order status, pick confirmation, goods issue, delivery confirmation and return receipt', async () => {
    await waitFor('5 postings', () => erp.postings.size === 5, 30_000);
    const byKey = (i: number) => erp.postings.get(events[i]!.event.envelope.eventId)!;
    assert.equal(byKey(0).path, '/api/v1/order-status');
    assert.deepEqual({ status: byKey(0).body.status, orderId: byKey(0).body.orderId, customerId: byKey(0).body.customerId }, { status: 'RELEASED', orderId: shipment.orderId, customerId: shipment.customerId });
    assert.equal(byKey(1).path, '/api/v1/pick-confirmations');
    assert.equal(byKey(2).path, '/api/v1/goods-issues');
    assert.equal(byKey(2).body.shipmentId, shipment.shipmentId);
    assert.equal(byKey(2).body.packageCount, (events[2]!.event as { packageCount: number }).packageCount);
    assert.equal(byKey(3).path, '/api/v1/delivery-confirmations');
    assert.equal(byKey(3).body.deliveredAt, '2026-11-22T15:00:00.000Z');
    assert.equal(byKey(4).path, '/api/v1/return-receipts');
    assert.equal(byKey(4).body.rmaNumber, `RMA-${shipment.orderId}`);
    assert.equal(byKey(4).body.condition, 'DAMAGED');
    // One shipment's postings arrive in lifecycle order (the release is keyed by order, elsewhere).
    const shipmentCalls = erp.requests.filter((r) => r.body.shipmentId === shipment.shipmentId && r.path !== '/api/v1/order-status').map((r) => r.path);
    assert.deepEqual(shipmentCalls, ['/api/v1/pick-confirmations', '/api/v1/goods-issues', '/api/v1/delivery-confirmations', '/api/v1/return-receipts']);
    assert.equal(erp.requests.length, 5, 'no call twice');
  });

  it('shows its lag per group and partition, zero once caught up', async () => {
    const lagOf = async () => (await (await fetch(`${consumer.healthUrl}/lag`)).json()) as { total: number; partitions: Array<{ groupId: string; topic: string; lag: number }> };
    const caughtUp = await waitFor('lag 0', async () => {
      const l = await lagOf();
      return l.total === 0 ? l : undefined;
    }, 20_000);
    assert.equal(caughtUp.partitions.filter((p) => p.topic === catalog.lifecycle.name && !p.groupId.endsWith('.retry')).length, catalog.lifecycle.partitions);
    assert.equal((await fetch(`${consumer.healthUrl}/health/ready`)).status, 200);
  });

  it('does not call the ERP again when the records are delivered again (offsets rewound)', async () => {
    // A new group reads the topic from the beginning: every record is redelivered.
    const groupId = `erp-rewound-${randomUUID().slice(0, 8)}`;
    const again = await startErpConsumer(cfg, erp.url, { groupId });
    try {
      await waitForCaughtUp(cfg, groupId, catalog.lifecycle.name);
      assert.equal(erp.requests.length, 5, 'the effect ledger remembered every posting');
    } finally {
      await again.stop();
    }
  });
});

/** A stand-in ERP whose answers the test controls per shipment. */
async function controllableErp(fail: (shipmentId: string) => boolean) {
  const calls: Array<{ key: string; path: string; shipmentId: string; ok: boolean }> = [];
  const app = express().use(express.json());
  app.post('/api/v1/:resource', (req, res) => {
    const shipmentId = String((req.body as { shipmentId?: string }).shipmentId);
    const ok = !fail(shipmentId);
    calls.push({ key: String(req.header('idempotency-key')), path: req.path, shipmentId, ok });
    if (ok) res.status(201).json({ postingId: `P-${calls.length}` });
    else res.status(503).json({ error: 'unavailable' });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => server.close() };
}

describe('ERP consumer under failures', () => {
  it('parks a failing shipment on the retry topic, lets other shipments pass, then posts its events in order', async () => {
    const cfg = testPlatformConfig(undefined, 'erp-park');
    const catalog = await provision(cfg);
    const a = newShipment();
    const b = newShipment();
    let aHealed = false;
    const erp = await controllableErp((id) => id === a.shipmentId && !aHealed);
    const consumer = await startErpConsumer(cfg, erp.url, { retryAttempts: 2, retryDelayMs: 1000 });
    const p = await producerFor(cfg);
    try {
      const a1 = typed('PickCompleted', { ...pickCompletedEvent(a.shipmentId) });
      const a2 = typed('ShipmentDispatched', consumerEvents.ShipmentDispatched(a, {}, { dispatchedFrom: hamburgDc }));
      const b1 = typed('PickCompleted', pickCompletedEvent(b.shipmentId));
      await p.producer.publish([a1, a2, b1]);
      await waitFor('B posted while A fails', () => erp.calls.some((c) => c.shipmentId === b.shipmentId && c.ok), 20_000);
      await waitFor('A parked on the retry topic (both of its events)', async () => (await recordCount(cfg, catalog.retry.name)) === 2, 20_000);
      assert.equal(erp.calls.filter((c) => c.key === a2.event.envelope.eventId).length, 0, 'A2 never overtook A1');
      aHealed = true;
      await waitFor('A posted after healing', () => erp.calls.filter((c) => c.shipmentId === a.shipmentId && c.ok).length === 2, 30_000);
      const aOk = erp.calls.filter((c) => c.shipmentId === a.shipmentId && c.ok).map((c) => c.key);
      assert.deepEqual(aOk, [a1.event.envelope.eventId, a2.event.envelope.eventId], 'A1 before A2');
      assert.equal(await recordCount(cfg, catalog.deadLetter.name), 0, 'nothing dead-lettered');
    } finally {
      await p.close();
      await consumer.stop();
      erp.close();
    }
  });

  it('applies back-pressure while the ERP is down, and loses and duplicates nothing once it is back', async () => {
    const cfg = testPlatformConfig(undefined, 'erp-down');
    const catalog = await provision(cfg);
    let down = true;
    const erp = await controllableErp(() => down);
    const consumer = await startErpConsumer(cfg, erp.url, { retryAttempts: 2, retryDelayMs: 1000, maxConcurrency: 1 });
    const p = await producerFor(cfg);
    try {
      const events = Array.from({ length: 8 }, () => typed('PickCompleted', pickCompletedEvent(newShipment().shipmentId)));
      await p.producer.publish(events);
      await waitFor('several failed calls', () => erp.calls.filter((c) => !c.ok).length >= 8, 30_000);
      // Held, not drained: after a few parked shipments the consumer stops taking new records.
      const parked = await recordCount(cfg, catalog.retry.name);
      assert.ok(parked < events.length, `only ${parked} of ${events.length} went to the retry topic; the rest wait in Kafka`);
      down = false;
      await waitFor('every event posted', () => events.every((e) => erp.calls.some((c) => c.key === e.event.envelope.eventId && c.ok)), 60_000);
      for (const e of events) assert.equal(erp.calls.filter((c) => c.key === e.event.envelope.eventId && c.ok).length, 1, 'exactly one successful posting');
      assert.equal(await recordCount(cfg, catalog.deadLetter.name), 0);
    } finally {
      await p.close();
      await consumer.stop();
      erp.close();
    }
  });
});
