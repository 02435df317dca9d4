/**
 * Every service answers GET /health/live, GET /health/ready (200 once its dependencies are
 * usable: Kafka, the state store, its consumer group) and GET /metrics, against the real stack.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { consumerDefinitions } from '../../../scripts/consumer-definitions.ts';
import { AdminApi } from '../../../services/admin-api/admin-api.ts';
import { analyticsSinkConfigFromEnv } from '../../../services/analytics-sink/analytics-config.ts';
import { AnalyticsSink } from '../../../services/analytics-sink/analytics-sink.ts';
import { carrierAdapter } from '../../../services/carrier-adapter/carrier-adapter.ts';
import { crmConsumerConfigFromEnv } from '../../../services/crm-consumer/crm-consumer-config.ts';
import { CrmConsumer } from '../../../services/crm-consumer/crm-consumer.ts';
import { DemoCrm } from '../../../services/demo-crm/demo-crm.ts';
import { DemoErp } from '../../../services/demo-erp/demo-erp.ts';
import { DemoMailbox } from '../../../services/demo-mailbox/demo-mailbox.ts';
import { notificationConfigFromEnv } from '../../../services/notification-service/notification-config.ts';
import { NotificationService } from '../../../services/notification-service/notification-service.ts';
import { healthRouter } from '../../../services/platform/http/health-router.ts';
import { kafkaCheck } from '../../../services/platform/http/kafka-check.ts';
import { Platform } from '../../../services/platform/runtime/platform.ts';
import { tmsAdapter } from '../../../services/tms-adapter/tms-adapter.ts';
import { startAdapter } from '../../support/adapters.ts';
import { startErpConsumer } from '../../support/erp.ts';
import { newShipment, typed } from '../../support/consumer-fixtures.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';
import { sampleSum, scrape } from '../../support/prom-scrape.ts';
import { provision, testLogger, testPlatformConfig, uniquePrefix, waitFor } from '../../support/test-env.ts';
import { freePort } from '../../support/free-port.ts';


describe('health, readiness and metrics on every service', () => {
  const cfg = testPlatformConfig(undefined, 'service-readiness');
  const stops: Array<() => Promise<unknown>> = [];
  const services: Record<string, { url: string; checks: string[] }> = {};

  before(async () => {
    await provision(cfg);
    const run = randomUUID().slice(0, 8);
    const env: NodeJS.ProcessEnv = { ...process.env, LEB_TOPIC_PREFIX: cfg.topicPrefix, LOG_LEVEL: 'silent', HOST: '127.0.0.1' };

    const erp = new DemoErp({ host: '127.0.0.1', port: 0 });
    await erp.start();
    stops.push(() => erp.stop());
    services['demo-erp'] = { url: erp.url, checks: [] };
    const crm = new DemoCrm();
    await crm.start();
    stops.push(() => crm.stop());
    services['demo-crm'] = { url: crm.url, checks: [] };
    const mailbox = new DemoMailbox();
    await mailbox.start();
    stops.push(() => mailbox.stop());

    for (const def of [undefined, tmsAdapter, carrierAdapter]) {
      const adapter = await startAdapter(cfg, {}, def);
      stops.push(() => adapter.stop());
      services[adapter.definition.name] = { url: adapter.url, checks: ['kafka', 'stateStore'] };
    }
    const erpConsumer = await startErpConsumer(cfg, erp.url, { healthPort: 0 });
    stops.push(() => erpConsumer.stop());
    services['erp-consumer'] = { url: erpConsumer.healthUrl!, checks: ['consumer', 'kafka', 'stateStore'] };

    const crmPort = await freePort();
    const crmConsumer = CrmConsumer.fromConfig(crmConsumerConfigFromEnv({ ...env, CRM_BASE_URL: crm.url, CRM_CONSUMER_GROUP: `crm-${run}`, CRM_CONSUMER_HEALTH_PORT: String(crmPort) }), testLogger);
    await crmConsumer.start();
    stops.push(() => crmConsumer.stop());
    services['crm-consumer'] = { url: `http://127.0.0.1:${crmPort}`, checks: ['consumer', 'kafka', 'stateStore'] };

    const notificationPort = await freePort();
    const notifications = NotificationService.fromConfig(
      notificationConfigFromEnv({ ...env, SMTP_URL: mailbox.url, NOTIFICATION_CONSUMER_GROUP: `notifications-${run}`, NOTIFICATION_HEALTH_PORT: String(notificationPort) }),
      testLogger,
    );
    await notifications.start();
    stops.push(() => notifications.stop());
    services['notification-service'] = { url: `http://127.0.0.1:${notificationPort}`, checks: ['consumer', 'kafka', 'stateStore'] };

    const dir = mkdtempSync(path.join(tmpdir(), 'leb-readiness-'));
    const sink = AnalyticsSink.fromConfig(
      analyticsSinkConfigFromEnv({ ...env, ANALYTICS_DB_PATH: path.join(dir, 'a.duckdb'), ANALYTICS_EXPORT_DIR: path.join(dir, 'export'), ANALYTICS_GROUP: `analytics-${run}`, ANALYTICS_HTTP_PORT: '0' }),
      testLogger,
    );
    await sink.start();
    stops.push(() => sink.stop());
    services['analytics-sink'] = { url: sink.url!, checks: ['consumer', 'kafka', 'store'] };

    const api = new AdminApi({ host: '127.0.0.1', port: 0, tokens: [{ name: 'vera', role: 'viewer', token: 'viewer-token-0123456789abcdef' }], platform: cfg }, consumerDefinitions, testLogger);
    await api.start();
    stops.push(() => api.stop());
    services['admin-api'] = { url: api.url, checks: ['kafka', 'stateStore'] };
  });
  after(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  });

  it('every service answers /health/live 200, /health/ready 200 naming its checks, and /metrics', async () => {
    assert.equal(Object.keys(services).length, 10);
    for (const [name, { url, checks }] of Object.entries(services)) {
      assert.equal((await fetch(`${url}/health/live`)).status, 200, `${name} live`);
      // A consumer is ready once its group assigned it: give a loaded machine time for the join.
      const body = await waitFor(`${name} ready`, async () => {
        const res = await fetch(`${url}/health/ready`);
        return res.status === 200 && ((await res.json()) as { status: string; checks: Record<string, string> });
      }, 60_000);
      assert.equal(body.status, 'UP', name);
      assert.deepEqual(Object.keys(body.checks).sort(), [...checks].sort(), `${name} checks`);
      const samples = await scrape(url);
      assert.ok(samples.some((s) => s.name === 'process_resident_memory_bytes'), `${name} serves /metrics`);
    }
  });

  it('the analytics sink counts what it stores by type, with the events\' age', async () => {
    const platform = Platform.fromConfig(cfg, testLogger);
    try {
      await (await platform.eventProducer()).publish([typed('PickCompleted', pickCompletedEvent(newShipment().shipmentId))]);
    } finally {
      await platform.close();
    }
    const labels = { consumer: 'analytics-sink', topic: cfg.topicPrefix + 'logistics.shipment.lifecycle.v1', event_type: 'PickCompleted', outcome: 'performed' };
    const samples = await waitFor('sink stored the event', async () => {
      const got = await scrape(services['analytics-sink']!.url);
      return sampleSum(got, 'leb_events_consumed_total', labels) === 1 && got;
    }, 60_000);
    assert.equal(sampleSum(samples, 'leb_event_age_seconds_count', { consumer: 'analytics-sink', event_type: 'PickCompleted' }), 1);
  });

  it('reports Kafka down (503, naming it) when the lifecycle topic is not there', async () => {
    const platform = Platform.fromConfig(testPlatformConfig(uniquePrefix(), 'readiness-missing-topic'), testLogger);
    const server = express().use(healthRouter({ kafka: kafkaCheck(platform) })).listen(0, '127.0.0.1');
    try {
      await new Promise((r) => server.once('listening', r));
      const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/health/ready`);
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), { status: 'DOWN', checks: { kafka: 'DOWN' } });
    } finally {
      server.close();
      await platform.close();
    }
  });
});
