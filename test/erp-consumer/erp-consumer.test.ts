import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { Kafka, logLevel } from 'kafkajs';
import { DemoErp } from '../../services/demo-erp/demo-erp.ts';
import type { ErpConsumer } from '../../services/erp-consumer/erp-consumer.ts';
import { startErpConsumer } from '../support/erp.ts';
import { AvroEventCodec } from '../../services/platform/codec/avro-codec.ts';
import { RegistryClient } from '../../services/platform/codec/registry-client.ts';
import { deadLetterHeaders } from '../../services/platform/dlq/dead-letter-publisher.ts';
import type { IoLogisticsEvents } from '../../services/platform/events/canonical-event.ts';
import { loadEventSchemas } from '../../services/platform/schemas/schema-catalog.ts';
import type { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import type { WebhookAdapter } from '../../services/platform/ingest/webhook-adapter.ts';
import { startAdapter } from '../support/adapters.ts';
import { pickConfirmationBody } from '../support/fixtures.ts';
import { provision, recordCount, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { postWms } from '../support/wms-client.ts';

const platform = testPlatformConfig(undefined, 'erp-e2e');
const kafka = new Kafka({ brokers: platform.kafka.brokers, clientId: 'erp-e2e-inspect', logLevel: logLevel.NOTHING });

/** Reads every record of a topic from the beginning (a throwaway group). */
async function readAll(topic: string, expected: number) {
  const consumer = kafka.consumer({ groupId: `inspect-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records: Array<{ key: string | null; value: Buffer | null; headers: Record<string, string>; partition: number; offset: string }> = [];
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      records.push({ key: message.key?.toString() ?? null, value: message.value, headers, partition, offset: message.offset });
    },
  });
  await waitFor(`${expected} records on ${topic}`, () => records.length >= expected, 20_000);
  await consumer.disconnect();
  return records;
}

/** Committed offset of a group on one partition ("-1" when none). */
async function committed(groupId: string, topic: string, partition: number): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
  await admin.disconnect();
  return t!.partitions.find((p) => p.partition === partition)!.offset;
}

describe('first path: WMS webhook -> Kafka -> ERP consumer -> ERP', () => {
  let catalog: TopicCatalog;
  let erp: DemoErp;
  let adapter: WebhookAdapter;
  let consumer: ErpConsumer;
  const groupId = `erp-${randomUUID().slice(0, 8)}`;

  before(async () => {
    catalog = await provision(platform);
    erp = new DemoErp({ host: '127.0.0.1', port: 0 });
    await erp.start();
    adapter = await startAdapter(platform);
    consumer = await startErpConsumer(platform, erp.url, { groupId });
  });
  after(async () => {
    await consumer.stop();
    await adapter.stop();
    await erp.stop();
  });

  let first: { eventId: string; partition: number; offset: string; body: Record<string, unknown> };

  it('delivers a pick confirmation to the ERP exactly once, with the right fields', async () => {
    const body = pickConfirmationBody();
    const res = await postWms(adapter.url, body);
    assert.equal(res.status, 202, JSON.stringify(res.json));
    const [stored] = res.json.events;
    first = { eventId: stored.eventId, partition: stored.partition, offset: stored.offset, body };
    const posting = await waitFor('ERP posting', () => erp.postings.get(first.eventId), 20_000);
    assert.equal(posting.path, '/api/v1/pick-confirmations');
    assert.deepEqual(posting.body, {
      eventId: first.eventId,
      orderId: body.orderNumber,
      shipmentId: body.shipmentNumber,
      warehouseId: 'DC-EAST-01',
      pickListId: body.pickListId,
      pickedAt: '2026-11-22T09:15:00.000Z',
      shortPicked: true,
      lines: [
        { lineNumber: 1, sku: 'SKU-1', quantity: 10, unitOfMeasure: 'EA', lotNumber: null },
        { lineNumber: 2, sku: 'SKU-2', quantity: 3, unitOfMeasure: 'CS', lotNumber: 'L-7' },
      ],
    });
    const requests = erp.requestsFor(first.eventId);
    assert.equal(requests.length, 1, 'exactly one ERP call');
    assert.equal(requests[0]!.correlationId, `order:${body.orderNumber}`);
  });

  it('commits the offset only after the ERP answered', async () => {
    const next = String(Number(first.offset) + 1);
    await waitFor('commit', async () => (await committed(groupId, catalog.lifecycle.name, first.partition)) === next, 10_000);
  });

  it('stores a record that decodes through the registry, keyed by shipment, with tracing headers', async () => {
    const [record] = await readAll(catalog.lifecycle.name, 1);
    assert.equal(record!.key, first.body.shipmentNumber);
    assert.equal(record!.headers['event-id'], first.eventId);
    assert.equal(record!.headers['event-type'], 'PickCompleted');
    const fresh = new AvroEventCodec(new RegistryClient(platform.registry.url), loadEventSchemas());
    const decoded = await fresh.decode<IoLogisticsEvents.PickCompleted>(record!.value);
    assert.equal(decoded.eventType, 'PickCompleted');
    assert.equal(decoded.event.envelope.eventId, first.eventId);
    assert.equal(decoded.event.envelope.source.vendorEventId, first.body.eventId);
    assert.equal(decoded.event.envelope.source.kind, 'WMS');
    assert.deepEqual(decoded.event.shortPickedLines.map((l) => [l.sku, l.quantity]), [['SKU-2', 1]]);
  });

  it('answers a vendor retry of the same delivery from the ledger: 200, same event, nothing new on Kafka', async () => {
    const res = await postWms(adapter.url, first.body);
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'duplicate');
    assert.deepEqual(res.json.events[0], { eventId: first.eventId, eventType: 'PickCompleted', topic: catalog.lifecycle.name, partition: first.partition, offset: first.offset });
    assert.equal(await recordCount(platform, catalog.lifecycle.name), 1);
    assert.equal(erp.requestsFor(first.eventId).length, 1);
  });

  it('dead-letters an undecodable record with its bytes, headers and reason, and keeps going', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const poison = Buffer.from('definitely not avro');
    // Same partition as the first event: the consumer must get past it to reach the next one.
    await producer.send({
      topic: catalog.lifecycle.name,
      messages: [{ key: 'SHP-POISON', value: poison, partition: first.partition, headers: { 'x-origin': 'test' } }],
    });
    await producer.disconnect();
    const [dead] = await readAll(catalog.deadLetter.name, 1);
    assert.deepEqual(dead!.value, poison);
    assert.equal(dead!.key, 'SHP-POISON');
    assert.equal(dead!.headers['x-origin'], 'test');
    assert.equal(dead!.headers[deadLetterHeaders.errorCode], 'BAD_MAGIC_BYTE');
    assert.equal(dead!.headers[deadLetterHeaders.consumer], 'erp-consumer');
    assert.equal(dead!.headers[deadLetterHeaders.originalTopic], catalog.lifecycle.name);
    assert.equal(dead!.headers[deadLetterHeaders.originalPartition], String(first.partition));
    // The line keeps moving: a new event after the poison one still reaches the ERP.
    const res = await postWms(adapter.url, pickConfirmationBody({ shipmentNumber: first.body.shipmentNumber }));
    await waitFor('posting after poison', () => erp.postings.get(res.json.events[0].eventId), 20_000);
  });
});

describe('ERP consumer under downstream failures', () => {
  it('retries a failing ERP (503) and posts once it recovers; dead-letters a 4xx refusal', async () => {
    // Own topics: this test counts every ERP call, so no other test's events may be on them.
    const platform = testPlatformConfig(undefined, 'erp-faults');
    const catalog = await provision(platform);
    let failuresLeft = 2;
    const calls: string[] = [];
    const app = express().use(express.json());
    app.post('/api/v1/pick-confirmations', (req, res) => {
      const key = String(req.header('idempotency-key'));
      calls.push(key);
      if ((req.body as { pickListId: string }).pickListId === 'PL-REJECT') return void res.status(422).json({ error: 'unknown order' });
      if (failuresLeft-- > 0) return void res.status(503).json({ error: 'maintenance' });
      res.status(201).json({ postingId: 'P-1' });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let adapter: WebhookAdapter | undefined;
    let consumer: ErpConsumer | undefined;
    try {
      adapter = await startAdapter(platform);
      consumer = await startErpConsumer(platform, url, { retryAttempts: 4 });
      const ok = await postWms(adapter.url, pickConfirmationBody());
      await waitFor('third call succeeds', () => calls.filter((k) => k === ok.json.events[0].eventId).length === 3, 30_000);
      const shipment = 'SHP-REJ-' + randomUUID().slice(0, 6);
      const rejected = await postWms(adapter.url, pickConfirmationBody({ pickListId: 'PL-REJECT', shipmentNumber: shipment }));
      const [dead] = await readAll(catalog.deadLetter.name, 1);
      assert.equal(dead!.headers[deadLetterHeaders.errorCode], 'DOWNSTREAM_REJECTED');
      assert.equal(dead!.headers['event-id'], rejected.json.events[0].eventId);
      assert.equal(dead!.headers[deadLetterHeaders.attempts], '1', 'a 4xx is not retried');
      assert.equal(dead!.key, shipment);
      assert.equal(calls.filter((k) => k === rejected.json.events[0].eventId).length, 1);
    } finally {
      await consumer?.stop();
      await adapter?.stop();
      server.close();
    }
  });
});
