import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import express from 'express';
import { DownstreamError } from '../../../services/platform/errors/backbone-error.ts';
import { healthRouter } from '../../../services/platform/http/health-router.ts';
import { ConsumerMetrics } from '../../../services/platform/telemetry/consumer-metrics.ts';
import { downstreamReason, observeDownstream } from '../../../services/platform/telemetry/downstream-metrics.ts';
import { eventTypeLabel, metricsRegistry, setServiceLabel } from '../../../services/platform/telemetry/metrics.ts';
import { metricsRouter } from '../../../services/platform/telemetry/metrics-router.ts';
import { countProduced } from '../../../services/platform/telemetry/producer-metrics.ts';
import { countReplayed, replayProgressed } from '../../../services/platform/telemetry/replay-metrics.ts';
import type { IncomingRecord } from '../../../services/platform/kafka/kafka-port.ts';
import { parseProm, sampleSum, scrape, type PromSample } from '../../support/prom-scrape.ts';

const samples = async (): Promise<PromSample[]> => parseProm(await metricsRegistry.metrics());

/** Serves `app` on a free loopback port for the test; closed at the end. */
async function serve(app: express.Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  after(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const record = (topic: string, headers: IncomingRecord['headers'] = {}): IncomingRecord => ({ topic, partition: 0, offset: '0', timestamp: '0', key: null, value: null, headers });

describe('metrics', () => {
  it('keeps event-type labels bounded to the canonical types', () => {
    assert.equal(eventTypeLabel('PickCompleted'), 'PickCompleted');
    assert.equal(eventTypeLabel(Buffer.from('ShipmentPlanned')), 'ShipmentPlanned');
    assert.equal(eventTypeLabel('DROP TABLE; ' + 'x'.repeat(50)), 'unknown');
    assert.equal(eventTypeLabel(undefined), 'unknown');
  });

  it('counts produced events per topic and type, summed per call', async () => {
    const topic = `metrics-unit-${Date.now()}`;
    countProduced([
      { topic, eventType: 'PickCompleted' },
      { topic, eventType: 'PickCompleted' },
      { topic, eventType: 'ShipmentPlanned' },
    ]);
    countProduced([{ topic, eventType: 'PickCompleted' }]);
    const s = await samples();
    assert.equal(sampleSum(s, 'leb_events_produced_total', { topic, event_type: 'PickCompleted' }), 3);
    assert.equal(sampleSum(s, 'leb_events_produced_total', { topic, event_type: 'ShipmentPlanned' }), 1);
  });

  it('counts consumed records by outcome, taking the type from the header when not decoded, and observes event age', async () => {
    const m = new ConsumerMetrics('unit-consumer');
    m.consumed(record('unit-topic'), 'performed', 'PickCompleted');
    m.consumed(record('unit-topic', { 'event-type': Buffer.from('EtaUpdated') }), 'ignored');
    m.consumed(record('unit-topic', { 'event-type': 'no-such-type' }), 'dead_lettered');
    const now = Date.now();
    m.age('PickCompleted', { envelope: { occurredAt: new Date(now - 90_000) } }, now);
    // A vendor clock ahead of ours: counted as age 0, not dropped.
    m.age('PickCompleted', { envelope: { occurredAt: new Date(now + 5_000) } }, now);
    m.age('PickCompleted', { notAnEvent: true }, now);
    m.retry('in_place');
    const s = await samples();
    const c = (labels: Record<string, string>) => sampleSum(s, 'leb_events_consumed_total', { consumer: 'unit-consumer', topic: 'unit-topic', ...labels });
    assert.equal(c({ event_type: 'PickCompleted', outcome: 'performed' }), 1);
    assert.equal(c({ event_type: 'EtaUpdated', outcome: 'ignored' }), 1);
    assert.equal(c({ event_type: 'unknown', outcome: 'dead_lettered' }), 1);
    const age = { consumer: 'unit-consumer', event_type: 'PickCompleted' };
    assert.equal(sampleSum(s, 'leb_event_age_seconds_count', age), 2);
    assert.equal(sampleSum(s, 'leb_event_age_seconds_sum', age), 90);
    assert.equal(sampleSum(s, 'leb_event_age_seconds_bucket', { ...age, le: '60' }), 1, 'the future event is in the lowest buckets, the 90 s one is not');
    assert.equal(sampleSum(s, 'leb_event_age_seconds_bucket', { ...age, le: '300' }), 2);
    assert.equal(sampleSum(s, 'leb_retries_total', { consumer: 'unit-consumer', kind: 'in_place' }), 1);
  });

  it('classifies downstream failures into a few reasons', () => {
    assert.equal(downstreamReason(new DownstreamError('erp', 'x', { status: 503 })), 'http_5xx');
    assert.equal(downstreamReason(new DownstreamError('erp', 'x', { status: 422 })), 'http_4xx');
    assert.equal(downstreamReason(new DownstreamError('erp', 'x', { cause: new DOMException('t', 'TimeoutError') })), 'timeout');
    assert.equal(downstreamReason(new DownstreamError('erp', 'x', { cause: new DOMException('a', 'AbortError') })), 'aborted');
    assert.equal(downstreamReason(new DownstreamError('erp', 'x', { cause: new TypeError('fetch failed') })), 'connection');
    assert.equal(downstreamReason(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 })), 'smtp_5xx');
    assert.equal(downstreamReason(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' })), 'timeout');
  });

  it('times downstream calls, passing results and errors through unchanged', async () => {
    const target = `unit-target-${Date.now()}`;
    assert.equal(await observeDownstream(target, async () => 42), 42);
    const boom = new DownstreamError(target, 'down', { status: 502 });
    await assert.rejects(observeDownstream(target, async () => Promise.reject(boom)), (e) => e === boom);
    const s = await samples();
    assert.equal(sampleSum(s, 'leb_downstream_request_duration_seconds_count', { target, outcome: 'ok' }), 1);
    assert.equal(sampleSum(s, 'leb_downstream_request_duration_seconds_count', { target, outcome: 'error' }), 1);
    assert.equal(sampleSum(s, 'leb_downstream_errors_total', { target, reason: 'http_5xx' }), 1);
  });

  it('tracks replay progress per run and counts replayed records per consumer and outcome', async () => {
    replayProgressed('run-unit', 0, 4);
    replayProgressed('run-unit', 3, 4);
    countReplayed('unit-consumer', { outcome: 'call' });
    countReplayed('unit-consumer', 'done');
    countReplayed('unit-consumer', 'notHandled');
    const s = await samples();
    assert.equal(sampleSum(s, 'leb_replay_progress_ratio', { run_id: 'run-unit' }), 0.75);
    assert.equal(sampleSum(s, 'leb_replay_remaining_records', { run_id: 'run-unit' }), 1);
    for (const outcome of ['calls', 'already_done', 'not_handled']) assert.equal(sampleSum(s, 'leb_replay_records_total', { consumer: 'unit-consumer', outcome }), 1, outcome);
  });

  it('serves GET /metrics in the text format with process metrics and the service label', async () => {
    setServiceLabel('metrics-unit');
    const url = await serve(express().use(metricsRouter()));
    const s = await scrape(url);
    assert.ok(s.some((x) => x.name === 'process_cpu_user_seconds_total'), 'default process metrics are collected');
    assert.ok(s.some((x) => x.name === 'nodejs_eventloop_lag_seconds'));
    assert.ok(s.filter((x) => x.name.startsWith('leb_')).every((x) => x.labels.service === 'metrics-unit'), 'every leb_ sample carries the service label');
    // Declared metrics are exposed with HELP and TYPE even before they move.
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const name of ['leb_webhooks_received_total', 'leb_dead_letters_total', 'leb_downstream_errors_total']) assert.match(text, new RegExp(`^# TYPE ${name} counter$`, 'm'));
    assert.match(text, /^# TYPE leb_webhook_duration_seconds histogram$/m);
  });
});

describe('health router', () => {
  it('answers live always, and ready 503 naming a check that throws or hangs past its deadline', async () => {
    const url = await serve(
      express().use(healthRouter({ ok: () => true, throws: () => Promise.reject(new Error('x')), hangs: () => new Promise<boolean>(() => undefined) }, { timeoutMs: 300 })),
    );
    assert.deepEqual(await (await fetch(`${url}/health/live`)).json(), { status: 'UP', checks: {} });
    const t0 = Date.now();
    const res = await fetch(`${url}/health/ready`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: 'DOWN', checks: { ok: 'UP', throws: 'DOWN', hangs: 'DOWN' } });
    // Generous bound: the point is that a hanging dependency cannot hang the probe.
    assert.ok(Date.now() - t0 < 10_000);
  });

  it('answers ready 200 when every check passes', async () => {
    const url = await serve(express().use(healthRouter({ a: () => true, b: async () => true })));
    const res = await fetch(`${url}/health/ready`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'UP', checks: { a: 'UP', b: 'UP' } });
  });
});
