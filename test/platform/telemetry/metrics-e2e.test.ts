/**
 * End to end against the real stack: a WMS adapter and the ERP consumer run, webhooks go in,
 * and both services' GET /metrics (scraped over HTTP, as Prometheus would) show what happened.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { Kafka, logLevel } from 'kafkajs';
import type { ErpConsumer } from '../../../services/erp-consumer/erp-consumer.ts';
import type { WebhookAdapter } from '../../../services/platform/ingest/webhook-adapter.ts';
import type { TopicCatalog } from '../../../services/platform/kafka/topic-catalog.ts';
import { startAdapter } from '../../support/adapters.ts';
import { startErpConsumer } from '../../support/erp.ts';
import { pickConfirmationBody } from '../../support/fixtures.ts';
import { sampleSum, scrape, type PromSample } from '../../support/prom-scrape.ts';
import { provision, testPlatformConfig, waitFor } from '../../support/test-env.ts';
import { postWms } from '../../support/wms-client.ts';

const platform = testPlatformConfig(undefined, 'metrics-e2e');

describe('metrics end to end: WMS adapter -> Kafka -> ERP consumer -> ERP', () => {
  let catalog: TopicCatalog;
  let adapter: WebhookAdapter;
  let consumer: ErpConsumer;
  let erpServer: ReturnType<express.Express['listen']>;
  const source = `wms-metrics-${randomUUID().slice(0, 8)}`;
  const endpoint = '/webhooks/wms/v1';
  /** ERP calls by idempotency key, with the status answered. */
  const calls: Array<{ key: string; status: number }> = [];
  const flakyPickList = `PL-FLAKY-${randomUUID().slice(0, 6)}`;
  let flakyFailuresLeft = 1;

  before(async () => {
    catalog = await provision(platform);
    const app = express().use(express.json());
    app.post('/api/v1/:resource', (req, res) => {
      const key = String(req.header('idempotency-key'));
      const status = (req.body as { pickListId?: string }).pickListId === flakyPickList && flakyFailuresLeft-- > 0 ? 503 : 201;
      calls.push({ key, status });
      res.status(status).json(status === 201 ? { postingId: `P-${calls.length}` } : { error: 'maintenance' });
    });
    erpServer = app.listen(0, '127.0.0.1');
    await new Promise((r) => erpServer.once('listening', r));
    adapter = await startAdapter(platform, { sourceSystem: source });
    consumer = await startErpConsumer(platform, `http://127.0.0.1:${(erpServer.address() as AddressInfo).port}`, { healthPort: 0, retryAttempts: 4 });
  });
  after(async () => {
    await consumer?.stop();
    await adapter?.stop();
    erpServer?.close();
  });

  const webhooks = (s: PromSample[], status: string) => sampleSum(s, 'leb_webhooks_received_total', { source, endpoint, status });

  it('counts webhooks by source and status (202, 200 duplicate, 401 bad signature, 400 malformed) with their latency', async () => {
    const body = pickConfirmationBody({ occurredAt: new Date(Date.now() - 120_000).toISOString() });
    assert.equal((await postWms(adapter.url, body)).status, 202);
    assert.equal((await postWms(adapter.url, body)).status, 200);
    assert.equal((await postWms(adapter.url, pickConfirmationBody(), { secret: `whsec_${Buffer.from('not-the-shared-secret').toString('base64')}` })).status, 401);
    assert.equal((await postWms(adapter.url, undefined, { raw: '{"eventId": ' })).status, 400);
    const flaky = await postWms(adapter.url, pickConfirmationBody({ pickListId: flakyPickList }));
    assert.equal(flaky.status, 202);

    const s = await scrape(adapter.url);
    assert.equal(webhooks(s, '202'), 2);
    assert.equal(webhooks(s, '200'), 1);
    assert.equal(webhooks(s, '401'), 1);
    assert.equal(webhooks(s, '400'), 1);
    assert.equal(sampleSum(s, 'leb_webhook_duration_seconds_count', { source, endpoint }), 5);
    assert.ok(sampleSum(s, 'leb_webhook_duration_seconds_sum', { source, endpoint }) > 0);
    // Scrapes and health probes are not webhooks.
    assert.equal(sampleSum(s, 'leb_webhooks_received_total', { source, endpoint: '/metrics' }), 0);
    assert.equal(sampleSum(s, 'leb_events_produced_total', { topic: catalog.lifecycle.name, event_type: 'PickCompleted' }), 2, 'the duplicate produced nothing');
  });

  it('counts consumed events by type and outcome, their age, the ERP call latency, and the in-place retry of a 503', async () => {
    const url = consumer.healthUrl!;
    const topic = catalog.lifecycle.name;
    const s = await waitFor(
      'both events performed by the ERP consumer',
      async () => {
        const got = await scrape(url);
        return sampleSum(got, 'leb_events_consumed_total', { consumer: 'erp-consumer', topic, event_type: 'PickCompleted', outcome: 'performed' }) === 2 && got;
      },
      60_000,
    );
    const age = { consumer: 'erp-consumer', event_type: 'PickCompleted' };
    assert.equal(sampleSum(s, 'leb_event_age_seconds_count', age), 2);
    // The first event happened two minutes before it was sent; the age is measured from occurredAt.
    assert.ok(sampleSum(s, 'leb_event_age_seconds_sum', age) >= 119, `age sum ${sampleSum(s, 'leb_event_age_seconds_sum', age)}`);
    assert.ok(sampleSum(s, 'leb_event_age_seconds_bucket', { ...age, le: '60' }) <= 1, 'the two-minute-old event is not in the 60 s bucket');
    assert.equal(calls.filter((c) => c.status === 201).length, 2);
    assert.equal(calls.filter((c) => c.status === 503).length, 1);
    assert.equal(sampleSum(s, 'leb_downstream_request_duration_seconds_count', { target: 'erp', outcome: 'ok' }), 2);
    assert.equal(sampleSum(s, 'leb_downstream_request_duration_seconds_count', { target: 'erp', outcome: 'error' }), 1);
    assert.equal(sampleSum(s, 'leb_downstream_errors_total', { target: 'erp', reason: 'http_5xx' }), 1);
    assert.equal(sampleSum(s, 'leb_retries_total', { consumer: 'erp-consumer', kind: 'in_place' }), 1);
  });

  it('counts a poison record as a dead letter with its error code, and as consumed with outcome dead_lettered', async () => {
    const kafka = new Kafka({ brokers: platform.kafka.brokers, clientId: 'metrics-e2e-poison', logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: catalog.lifecycle.name, messages: [{ key: 'SHP-POISON', value: Buffer.from('definitely not avro') }] });
    await producer.disconnect();
    const s = await waitFor(
      'dead letter counted',
      async () => {
        const got = await scrape(consumer.healthUrl!);
        return sampleSum(got, 'leb_dead_letters_total', { consumer: 'erp-consumer', code: 'BAD_MAGIC_BYTE' }) === 1 && got;
      },
      60_000,
    );
    assert.equal(sampleSum(s, 'leb_events_consumed_total', { consumer: 'erp-consumer', topic: catalog.lifecycle.name, event_type: 'unknown', outcome: 'dead_lettered' }), 1);
  });

  it('answers /health/ready 200 on both services, naming their checks', async () => {
    for (const [url, checks] of [
      [adapter.url, ['kafka', 'stateStore']],
      [consumer.healthUrl!, ['consumer', 'kafka', 'stateStore']],
    ] as const) {
      const body = await waitFor(`${url} ready`, async () => {
        const res = await fetch(`${url}/health/ready`);
        return res.status === 200 && ((await res.json()) as { status: string; checks: Record<string, string> });
      }, 30_000);
      assert.deepEqual(Object.keys(body.checks).sort(), [...checks].sort());
      assert.equal((await fetch(`${url}/health/live`)).status, 200);
    }
  });
});
