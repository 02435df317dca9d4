/**
 * Done-when of tracing (issue 7): one shipment's webhook is followed to the downstream ERP call
 * through real service processes (wms-adapter and erp-consumer, started by their main.ts),
 * real Kafka, and an OTLP receiver standing in for the collector. Also: with tracing off,
 * nothing adds a traceparent.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../../../scripts/stack/stack-config.ts';
import type { PlatformConfig } from '../../../services/platform/config/load-config.ts';
import { readTopic } from '../../support/kafka-inspect.ts';
import { pickConfirmationBody } from '../../support/fixtures.ts';
import { OtlpReceiver, spanKind, type ReceivedSpan } from '../../support/otlp-receiver.ts';
import { provision, testPlatformConfig, waitFor } from '../../support/test-env.ts';
import { postWms, testWebhookSecret } from '../../support/wms-client.ts';
import { freePort } from '../../support/free-port.ts';
import { tsNodeArgs } from '../../../scripts/ts-runtime/node-args.ts';

/** A stand-in ERP that records what it was sent, headers included. */
class RecordingErp {
  readonly calls: Array<{ path: string; headers: IncomingHttpHeaders; body: any }> = [];
  private server?: Server;
  url = '';
  /** The status every call is answered with (201: posted). */
  constructor(private readonly status = 201) {}
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.calls.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') });
        res.writeHead(this.status, { 'content-type': 'application/json' }).end(JSON.stringify(this.status < 300 ? { postingId: randomUUID() } : { error: 'rejected' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}


/** Output of the service processes, printed when a test fails. */
const output: string[] = [];

/** Runs a test body and prints the services' last output lines if it fails. */
async function withOutputOnFailure(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    console.error(output.slice(-60).join('\n'));
    throw err;
  }
}

function serviceProcess(entry: string, env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(process.execPath, [...tsNodeArgs, entry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (d: Buffer) => output.push(...d.toString().trim().split('\n').map((l) => `${name}: ${l}`)));
  }
  return child;
}

/** Environment for the two services, without any OTEL_* variable of the caller. */
function serviceEnv(cfg: PlatformConfig, erpUrl: string, adapterPort: number, otel: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')));
  return {
    ...base,
    KAFKA_BROKERS: cfg.kafka.brokers.join(','),
    SCHEMA_REGISTRY_URL: cfg.registry.url,
    STATE_STORE_URL: cfg.stateStore.url,
    LEB_TOPIC_PREFIX: cfg.topicPrefix,
    LOG_LEVEL: 'info',
    WMS_ADAPTER_PORT: String(adapterPort),
    WMS_WEBHOOK_SECRET: testWebhookSecret,
    ERP_BASE_URL: erpUrl,
    ERP_CONSUMER_GROUP: `erp-trace-${randomUUID().slice(0, 8)}`,
    ERP_CONSUMER_HEALTH_PORT: '-1',
    ...otel,
  };
}

/** Starts both services, sends one signed pick confirmation and waits for the ERP call. */
async function followOneShipment(otel: Record<string, string>, children: ChildProcess[], erp: RecordingErp) {
  const cfg = testPlatformConfig(undefined, 'trace');
  const topics = await provision(cfg);
  await erp.start();
  const port = await freePort();
  const env = serviceEnv(cfg, erp.url, port, otel);
  children.push(serviceProcess('services/erp-consumer/main.ts', env, 'erp-consumer'), serviceProcess('services/wms-adapter/main.ts', env, 'wms-adapter'));
  const adapterUrl = `http://127.0.0.1:${port}`;
  await waitFor('the WMS adapter to be ready', () => fetch(`${adapterUrl}/health/ready`).then((r) => r.ok, () => false), 90_000);
  const body = pickConfirmationBody();
  const res = await postWms(adapterUrl, body);
  assert.equal(res.status, 202, JSON.stringify(res.json));
  const eventId: string = res.json.events[0].eventId;
  const call = await waitFor('the ERP call', () => erp.calls.find((c) => c.headers['idempotency-key'] === eventId), 120_000);
  const [record] = await readTopic(cfg.kafka.brokers, topics.lifecycle.name, 1);
  return { cfg, topics, body, eventId, call, record: record! };
}

describe('trace propagation: webhook → wms-adapter → Kafka → erp-consumer → ERP', { timeout: 300_000 }, () => {
  const children: ChildProcess[] = [];
  const receiver = new OtlpReceiver();
  const erp = new RecordingErp();
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await Promise.all([receiver.stop(), erp.stop()]);
  });

  it('gives one trace spanning the adapter, Kafka and the consumer, with the event ids on the spans and in the logs', () => withOutputOnFailure(async () => {
    await receiver.start();
    const { topics, body, eventId, call, record } = await followOneShipment(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_TRACES_SAMPLER: 'always_on',
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
      children,
      erp,
    );
    const shipmentId = String(body.shipmentNumber);

    // The ERP saw W3C trace context, and the Kafka record carries the same trace id.
    const traceparent = String(call.headers.traceparent ?? '');
    assert.match(traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/, 'the ERP call carries a sampled traceparent');
    const traceId = traceparent.split('-')[1]!;
    assert.match(record.headers.traceparent ?? '', new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`), 'the lifecycle record carries the trace in its traceparent header');

    const find = (what: string, pred: (s: ReceivedSpan) => boolean) => waitFor(what, () => receiver.trace(traceId).find(pred), 60_000);
    const server = await find('the adapter SERVER span', (s) => s.service === 'wms-adapter' && s.kind === spanKind.server);
    const producer = await find('the adapter PRODUCER span', (s) => s.service === 'wms-adapter' && s.kind === spanKind.producer && s.attributes['messaging.destination.name'] === topics.lifecycle.name);
    const consumer = await find('the consumer process span', (s) => s.service === 'erp-consumer' && s.kind === spanKind.consumer);
    // (The registry client's schema look-ups are CLIENT spans of the same trace too.)
    const client = await find('the ERP CLIENT span', (s) => s.service === 'erp-consumer' && s.kind === spanKind.client && s.attributes['peer.service'] === 'erp');

    assert.equal(server.attributes['http.request.method'] ?? server.attributes['http.method'], 'POST');
    assert.equal(producer.attributes['messaging.system'], 'kafka');
    assert.equal(producer.attributes['messaging.operation.type'], 'send');
    assert.equal(producer.attributes['leb.event.id'], eventId);
    assert.equal(producer.attributes['leb.shipment.id'], shipmentId);
    assert.equal(producer.attributes['messaging.kafka.message.key'], shipmentId);

    // The record's processing is the producer's child, and the ERP call is inside it.
    assert.equal(consumer.parentSpanId, producer.spanId, 'process span is a child of the producer span');
    assert.equal(consumer.name, `process ${topics.lifecycle.name}`);
    assert.deepEqual(
      {
        system: consumer.attributes['messaging.system'],
        op: consumer.attributes['messaging.operation.type'],
        topic: consumer.attributes['messaging.destination.name'],
        partition: consumer.attributes['messaging.destination.partition.id'],
        offset: consumer.attributes['messaging.kafka.offset'],
        key: consumer.attributes['messaging.kafka.message.key'],
        eventId: consumer.attributes['leb.event.id'],
        eventType: consumer.attributes['leb.event.type'],
        shipmentId: consumer.attributes['leb.shipment.id'],
      },
      { system: 'kafka', op: 'process', topic: topics.lifecycle.name, partition: String(record.partition), offset: Number(record.offset), key: shipmentId, eventId, eventType: 'PickCompleted', shipmentId },
    );
    assert.match(String(consumer.attributes['messaging.consumer.group.name']), /^erp-trace-/);
    assert.ok(consumer.attributes['leb.correlation.id'], 'correlation id on the process span');
    assert.equal(client.parentSpanId, consumer.spanId, 'the ERP call is a child of the process span');
    assert.equal(client.attributes['http.response.status_code'], 201);
    assert.equal(client.attributes['url.full'], `${erp.url}${call.path}`);
    assert.equal(traceparent.split('-')[2], client.spanId, "the ERP's traceparent names the CLIENT span");

    // No duplicate per-message process spans from the kafkajs instrumentation's eachBatch wrapper.
    assert.equal(receiver.spans.filter((s) => s.kind === spanKind.consumer && s.attributes['leb.event.id'] === eventId).length, 1);
    assert.deepEqual([...new Set(receiver.trace(traceId).map((s) => s.service))].sort(), ['erp-consumer', 'wms-adapter']);

    // Log lines of the record's processing carry the trace and the event's ids.
    const logLine = await waitFor('an erp-consumer log line with the trace id', () =>
      output
        .filter((l) => l.startsWith('erp-consumer: {'))
        .map((l) => JSON.parse(l.slice('erp-consumer: '.length)) as Record<string, unknown>)
        .find((l) => l.trace_id === traceId && l.eventId === eventId),
    );
    assert.equal(logLine.shipmentId, shipmentId);
    assert.ok(logLine.correlationId && logLine.span_id);
  }));
});

describe('a dead-lettered record stays in its trace', { timeout: 300_000 }, () => {
  const children: ChildProcess[] = [];
  const receiver = new OtlpReceiver();
  const erp = new RecordingErp(422);
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await Promise.all([receiver.stop(), erp.stop()]);
  });

  it('carries a traceparent of the same trace, written by a PRODUCER span inside the record\'s process span', () => withOutputOnFailure(async () => {
    output.length = 0;
    await receiver.start();
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_TRACES_SAMPLER: 'always_on', OTEL_BSP_SCHEDULE_DELAY: '200' };
    const { cfg, topics, eventId, record } = await followOneShipment(otel, children, erp);
    const traceId = (record.headers.traceparent ?? '').split('-')[1]!;
    assert.match(traceId, /^[0-9a-f]{32}$/);
    const [dead] = await readTopic(cfg.kafka.brokers, topics.deadLetter.name, 1, 60_000);
    assert.equal(dead!.headers['event-id'], eventId, 'the original headers are kept');
    assert.equal(dead!.headers['dlq-error-code'], 'DOWNSTREAM_REJECTED');
    assert.match(dead!.headers.traceparent ?? '', new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`), 'the dead letter names the same trace');
    const find = (what: string, pred: (s: ReceivedSpan) => boolean) => waitFor(what, () => receiver.trace(traceId).find(pred), 60_000);
    const processSpan = await find('the consumer process span', (s) => s.service === 'erp-consumer' && s.kind === spanKind.consumer);
    const dlqSend = await find('the dead-letter PRODUCER span', (s) => s.kind === spanKind.producer && s.attributes['messaging.destination.name'] === topics.deadLetter.name);
    assert.equal(dlqSend.parentSpanId, processSpan.spanId);
    assert.equal(dlqSend.attributes['leb.event.id'], eventId);
    assert.equal(dead!.headers.traceparent!.split('-')[2], dlqSend.spanId);
  }));
});

describe('tracing off (no OTEL_* exporter or endpoint)', { timeout: 300_000 }, () => {
  const children: ChildProcess[] = [];
  const erp = new RecordingErp();
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await erp.stop();
  });

  it('adds no traceparent to the Kafka record or the downstream call, and no trace ids to logs', () => withOutputOnFailure(async () => {
    output.length = 0;
    const { call, record } = await followOneShipment({ OTEL_TRACES_SAMPLER: 'always_on' }, children, erp);
    assert.equal(call.headers.traceparent, undefined);
    assert.equal(record.headers.traceparent, undefined);
    assert.ok(output.some((l) => l.includes('"eventId"')), 'the consumer logged the event');
    assert.ok(!output.some((l) => l.includes('trace_id')), 'no trace ids in logs');
  }));
});
