import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpsMonitor } from '../../services/ops-monitor/ops-monitor.ts';
import { EffectLedger } from '../../services/platform/dedup/effect-ledger.ts';
import { DecodeError, DownstreamError } from '../../services/platform/errors/backbone-error.ts';
import type { EventProducer } from '../../services/platform/kafka/event-producer.ts';
import type { IncomingRecord, ProducerPort } from '../../services/platform/kafka/kafka-port.ts';
import type { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { RetryForwarder } from '../../services/platform/retry/retry-topic.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { parseSlaRules } from '../../services/platform/sla/sla-rules.ts';
import type { TimelineEntry } from '../../services/platform/timeline/timeline-store.ts';
import { consumerEvents as ev, newShipment, typed } from '../support/consumer-fixtures.ts';
import { waitForCaughtUp } from '../support/consumer-lag.ts';
import { testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { getJson, provisionTopics, scrape, startOpsMonitor, sum } from './ops-monitor-harness.ts';

const platform = testPlatformConfig(undefined, 'ops-timeline');
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const rules = parseSlaRules({
  slas: [{ id: `timeline-dispatch-${platform.topicPrefix.slice(2, 10)}`, description: 'dispatch', start: 'OrderReleased', end: { event: 'ShipmentDispatched', match: 'orderId' }, within: '24h' }],
});

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | undefined ? string | undefined : T[K] };

describe('ops monitor: shipment timeline across the lifecycle, retry and dead-letter topics', () => {
  let catalog: TopicCatalog;
  let monitor: OpsMonitor;
  let client: Platform;
  let producer: EventProducer;
  let raw: ProducerPort;

  before(async () => {
    catalog = await provisionTopics(platform);
    monitor = await startOpsMonitor(platform, { rules });
    client = Platform.fromConfig(platform, testLogger);
    producer = await client.eventProducer();
    raw = await client.producer();
  });
  after(async () => {
    await monitor.sla?.declareRules([], monitor.config.groupId);
    await monitor.stop();
    await client.close();
  });

  it("lists a shipment's events in event-time order with sources, trace ids, retry and dead-letter copies, and who processed them", async () => {
    const s = newShipment();
    const released = ev.OrderReleased(s, { occurredAt: minutesAgo(50) });
    const planned = ev.ShipmentPlanned(s, new Date(Date.now() + 86_400_000), { occurredAt: minutesAgo(40) });
    const dispatched = ev.ShipmentDispatched(s, { occurredAt: minutesAgo(30) });
    const exception = ev.DeliveryException(s, 'WEATHER_DELAY', { occurredAt: minutesAgo(20) });
    // Published out of event-time order, and the dispatch with a W3C trace context.
    const [pDispatched] = await producer.publish([typed('ShipmentDispatched', dispatched)], { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    const [pReleased, pPlanned, pException] = await producer.publish([typed('OrderReleased', released), typed('ShipmentPlanned', planned), typed('DeliveryException', exception)]);

    // The ERP consumer's attempt at the dispatch went to the retry topic, then to the dead letters.
    const lifecycle = catalog.lifecycle.name;
    const original: IncomingRecord = {
      topic: lifecycle, partition: pDispatched!.partition, offset: pDispatched!.offset, timestamp: String(Date.now()),
      key: Buffer.from(s.shipmentId), value: await client.codec.encode('ShipmentDispatched', dispatched), headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    };
    await new RetryForwarder({ producer: raw, topic: catalog.retry.name, partitions: catalog.retry.partitions, consumer: 'erp-consumer' }).forward(original, 1, Date.now(), 'DOWNSTREAM_UNAVAILABLE');
    const dlq = await client.deadLetterPublisher('erp-consumer');
    await dlq.publish(original, new DownstreamError('erp', 'ERP refused the goods issue: 422', { status: 422 }), 5);
    // The notification service handled the exception; the ERP consumer's claim on the dispatch is still pending.
    const ledger = await EffectLedger.open(client.stateStore());
    await ledger.claim('notification-service', exception.envelope.eventId);
    await ledger.complete('notification-service', exception.envelope.eventId);
    await ledger.claim('erp-consumer', dispatched.envelope.eventId);

    const url = `${monitor.url}/timeline?q=${encodeURIComponent(s.shipmentId)}`;
    const body = await waitFor('six timeline entries', async () => {
      const b = await getJson<{ q: string; entries: Array<Json<TimelineEntry>> }>(url);
      return b.entries.length >= 6 && b;
    }, 60_000);
    assert.equal(body.q, s.shipmentId);
    assert.deepEqual(
      body.entries.map((e) => [e.eventType, e.kind, e.topic, e.key]),
      [
        ['OrderReleased', 'event', lifecycle, `order:${s.orderId}`],
        ['ShipmentPlanned', 'event', lifecycle, s.shipmentId],
        ['ShipmentDispatched', 'event', lifecycle, s.shipmentId],
        ['ShipmentDispatched', 'retry', catalog.retry.name, s.shipmentId],
        ['ShipmentDispatched', 'dead-letter', catalog.deadLetter.name, s.shipmentId],
        ['DeliveryException', 'event', lifecycle, s.shipmentId],
      ],
    );
    const [r, p, d, rt, dl, x] = body.entries;
    assert.deepEqual([r!.eventId, r!.source, r!.offset, r!.partition, r!.occurredAt, r!.correlationId, r!.shipmentId, r!.orderId], [
      released.envelope.eventId, 'erp-test', pReleased!.offset, pReleased!.partition, released.envelope.occurredAt.toISOString(), `corr-${s.orderId}`, undefined, s.orderId,
    ]);
    assert.deepEqual([p!.eventId, p!.source, p!.offset], [planned.envelope.eventId, 'tms-test', pPlanned!.offset]);
    assert.deepEqual([d!.eventId, d!.source, d!.traceId, d!.offset], [dispatched.envelope.eventId, 'wms-test', traceId, pDispatched!.offset]);
    assert.equal(p!.traceId, undefined);
    assert.deepEqual([rt!.eventId, rt!.consumer, rt!.reason, rt!.traceId], [dispatched.envelope.eventId, 'erp-consumer', 'DOWNSTREAM_UNAVAILABLE', traceId]);
    assert.deepEqual([dl!.eventId, dl!.consumer, dl!.reason], [dispatched.envelope.eventId, 'erp-consumer', 'DOWNSTREAM_REJECTED: ERP refused the goods issue: 422']);
    assert.deepEqual(d!.processedBy, [{ consumer: 'erp-consumer', state: 'pending' }]);
    assert.deepEqual(x!.processedBy.map((e) => [e.consumer, e.state, typeof e.doneAt]), [['notification-service', 'done', 'string']]);
    assert.equal(x!.offset, pException!.offset);
    // The order's SLA clock was started and stopped from the same stream. The monitor writes a
    // record's timeline entry before its SLA transition, so the SLA can trail the timeline briefly.
    const counts = async () => {
      const sla = await getJson<{ rules: Array<{ ruleId: string; met: number; open: number }> }>(`${monitor.url}/sla`);
      return sla.rules.filter((x) => x.ruleId === rules[0]!.id).map((x) => [x.open, x.met]);
    };
    await waitFor('the SLA met', async () => JSON.stringify(await counts()) === '[[0,1]]', 15_000).catch(() => undefined);
    assert.deepEqual(await counts(), [[0, 1]]);
  });

  it('indexes an undecodable record with its key, offset and error, and goes on with the next records', async () => {
    const s = newShipment();
    const lifecycle = catalog.lifecycle;
    const [pos] = await raw.send(lifecycle.name, [{ key: s.shipmentId, value: Buffer.from('{"not":"avro"}'), partition: 0 }]);
    const dlq = await client.deadLetterPublisher('crm-consumer');
    const garbage: IncomingRecord = { topic: lifecycle.name, partition: 0, offset: pos!.offset, timestamp: String(Date.now()), key: Buffer.from(s.shipmentId), value: Buffer.from([0, 0, 0]), headers: {} };
    await dlq.publish(garbage, new DecodeError('TRUNCATED_RECORD', 'record value has 3 bytes'), 1);
    const after = ev.InTransit(s, 'DEPARTED_FACILITY');
    await producer.publish([typed('InTransit', after)]);
    const entries = await waitFor('three entries', async () => {
      const b = await getJson<{ entries: Array<Json<TimelineEntry>> }>(`${monitor.url}/timeline?q=${s.shipmentId}`);
      return b.entries.length >= 3 && b.entries;
    }, 60_000);
    const bad = entries.filter((e) => e.eventType === 'UNDECODABLE');
    assert.deepEqual(
      bad.map((e) => [e.kind, e.key, e.eventId, e.error?.split(':')[0], e.consumer]).sort(),
      [['dead-letter', s.shipmentId, '', 'TRUNCATED_RECORD', 'crm-consumer'], ['event', s.shipmentId, '', 'BAD_MAGIC_BYTE', undefined]].sort(),
    );
    assert.equal(bad.find((e) => e.kind === 'event')!.offset, pos!.offset);
    assert.ok(entries.some((e) => e.eventId === after.envelope.eventId), 'the record after the undecodable one is indexed');
  });

  it('commits its offsets after indexing, serves health and metrics, and validates queries', async () => {
    for (const t of [catalog.lifecycle.name, catalog.retry.name, catalog.deadLetter.name]) await waitForCaughtUp(platform, monitor.config.groupId, t, 60_000);
    assert.equal((await fetch(`${monitor.url}/health/ready`)).status, 200);
    assert.equal((await fetch(`${monitor.url}/timeline`)).status, 400);
    assert.equal((await fetch(`${monitor.url}/sla?status=nope`)).status, 400);
    const samples = await scrape(monitor.url);
    assert.equal(sum(samples, 'leb_sla_open', { rule: rules[0]!.id }), 0);
    assert.equal(sum(samples, 'leb_sla_breaches_total', { rule: rules[0]!.id }), 0);
  });
});
