import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DemoMailbox } from '../../services/demo-mailbox/demo-mailbox.ts';
import type { NotificationConfig } from '../../services/notification-service/notification-config.ts';
import { NotificationService } from '../../services/notification-service/notification-service.ts';
import type { OpsMonitor } from '../../services/ops-monitor/ops-monitor.ts';
import type { EventProducer } from '../../services/platform/kafka/event-producer.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import type { SlaBreach } from '../../services/platform/sla/sla-store.ts';
import { loadSlaRules } from '../../services/platform/sla/sla-rules.ts';
import { consumerEvents as ev, newShipment, typed } from '../support/consumer-fixtures.ts';
import { testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { getJson, provisionTopics, scrape, startOpsMonitor, sum, type Sample } from './ops-monitor-harness.ts';

const platform = testPlatformConfig(undefined, 'ops-sla-lag');
const run = randomUUID().slice(0, 8);
const ruleId = `exception-notified-${run}`;
const groupId = `notify-${run}`;

// The test's own rules file: the customer must hear about a delivery exception within 4 seconds.
const rulesFile = path.join(mkdtempSync(path.join(tmpdir(), 'ops-sla-')), 'slas.yaml');
writeFileSync(
  rulesFile,
  ['slas:', `  - id: ${ruleId}`, '    description: customer notified of a delivery exception', '    start: DeliveryException', '    end: { consumer: notification-service }', '    within: 4s', ''].join('\n'),
);

describe('ops monitor: lag and SLA-breach metrics follow a stopped and restarted consumer', () => {
  let smtp: DemoMailbox;
  let notifications: NotificationService | undefined;
  let monitor: OpsMonitor;
  let client: Platform;
  let producer: EventProducer;

  const startNotifications = async () => {
    const config: NotificationConfig = {
      groupId,
      smtpUrl: smtp.url,
      mailFrom: 'Shipment updates <notifications@backbone.test>',
      maxEventAgeMs: 6 * 3_600_000,
      lateEtaThresholdMs: 2 * 3_600_000,
      webhookTimeoutMs: 5000,
      webhookAttempts: 2,
      webhookBackoffMs: 100,
      retryAttempts: 2,
      retryDelayMs: 500,
      host: '127.0.0.1',
      healthPort: -1,
      platform,
    };
    notifications = NotificationService.fromConfig(config, testLogger);
    await notifications.start();
  };
  /** The monitor's metrics for this test's group and rule. */
  const metrics = async () => {
    const s: Sample[] = await scrape(monitor.url);
    return {
      lag: sum(s, 'leb_consumer_lag', { group: groupId, topic: platform.topicPrefix + 'logistics.shipment.lifecycle.v1' }),
      retryLag: sum(s, 'leb_consumer_lag', { group: `${groupId}.retry` }),
      open: sum(s, 'leb_sla_open', { rule: ruleId }),
      breached: sum(s, 'leb_sla_breached', { rule: ruleId }),
      breachesTotal: sum(s, 'leb_sla_breaches_total', { rule: ruleId }),
      lateTotal: sum(s, 'leb_sla_late_total', { rule: ruleId }),
    };
  };
  const exceptions = (n: number) => Array.from({ length: n }, () => ev.DeliveryException(newShipment(), 'WEATHER_DELAY', { occurredAt: new Date() }));

  before(async () => {
    await provisionTopics(platform);
    smtp = new DemoMailbox();
    await smtp.start();
    client = Platform.fromConfig(platform, testLogger);
    producer = await client.eventProducer();
    await startNotifications();
    monitor = await startOpsMonitor(platform, { rules: loadSlaRules(rulesFile), lagGroups: [groupId] });
  });
  after(async () => {
    await notifications?.stop();
    await monitor.sla?.declareRules([], monitor.config.groupId);
    await monitor.stop();
    await client.close();
    await smtp.stop();
  });

  it('meets the SLA while the notification service runs: lag 0, nothing breached', async () => {
    await producer.publish(exceptions(2).map((e) => typed('DeliveryException', e)));
    const m = await waitFor('both obligations met and the group caught up', async () => {
      const sla = await getJson<{ rules: Array<{ ruleId: string; met: number }> }>(`${monitor.url}/sla`);
      const m = await metrics();
      return m.lag === 0 && m.open === 0 && sla.rules.find((r) => r.ruleId === ruleId)?.met === 2 && m;
    }, 60_000);
    assert.deepEqual(m, { lag: 0, retryLag: 0, open: 0, breached: 0, breachesTotal: 0, lateTotal: 0 });
  });

  it('with the consumer stopped, its lag rises and the obligations breach; restarted, lag returns to 0 and they complete late', async () => {
    await notifications!.stop();
    notifications = undefined;
    const late = exceptions(3);
    await producer.publish(late.map((e) => typed('DeliveryException', e)));

    await waitFor('lag of 3 for the stopped group', async () => (await metrics()).lag === 3, 60_000);
    const breached = await waitFor('3 breached obligations', async () => {
      const m = await metrics();
      return m.breached === 3 && m.breachesTotal === 3 && m;
    }, 60_000);
    assert.deepEqual(breached, { lag: 3, retryLag: 0, open: 0, breached: 3, breachesTotal: 3, lateTotal: 0 });
    const open = await getJson<{ breaches: SlaBreach[] }>(`${monitor.url}/sla?status=breached&limit=1000`);
    const ids = late.map((e) => e.envelope.eventId).sort();
    assert.deepEqual(open.breaches.filter((b) => b.ruleId === ruleId).map((b) => b.startEventId).sort(), ids);

    await startNotifications();
    const recovered = await waitFor('lag 0 and all 3 late', async () => {
      const m = await metrics();
      return m.lag === 0 && m.lateTotal === 3 && m.breached === 0 && m;
    }, 90_000);
    assert.deepEqual(recovered, { lag: 0, retryLag: 0, open: 0, breached: 0, breachesTotal: 3, lateTotal: 3 }, 'a breach is counted once, even when it later completes');
    const done = await getJson<{ breaches: Array<SlaBreach & { completedAt: string; deadline: string }> }>(`${monitor.url}/sla?status=late&limit=1000`);
    const mine = done.breaches.filter((b) => b.ruleId === ruleId);
    assert.deepEqual(mine.map((b) => b.startEventId).sort(), ids);
    for (const b of mine) {
      assert.equal(b.key.startsWith('SHP-'), true);
      assert.ok(Date.parse(b.completedAt) > Date.parse(b.deadline), 'completed after the deadline');
    }
  });
});
