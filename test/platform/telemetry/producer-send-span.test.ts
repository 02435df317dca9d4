/**
 * Each send of the producer port is one PRODUCER span, started in the caller's context, whose
 * context every record of the send carries: a publish of several events, a single event, and
 * single events of concurrent callers that the kafkajs port merges into one Kafka request.
 * Tracing runs in this test's process exactly as a service starts it (startTracing before
 * kafkajs is loaded), exporting OTLP/HTTP JSON to a receiver in the test; events go to the
 * real broker.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { startTracing, type Tracing } from '../../../services/platform/telemetry/start-tracing.ts';
import { OtlpReceiver, spanKind } from '../../support/otlp-receiver.ts';

const receiver = new OtlpReceiver();
let tracing: Tracing;

describe('producer send span', () => {
  before(async () => {
    await receiver.start();
    // The SDK reads its exporter settings from process.env itself, as in a service.
    for (const k of Object.keys(process.env)) if (k.startsWith('OTEL_')) delete process.env[k];
    Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_TRACES_SAMPLER: 'always_on' });
    tracing = await startTracing('send-span-test');
  });
  after(() => receiver.stop());

  it('gives every send one span in the trace of its caller, carried by its records, also when sends are merged', async () => {
    // Loaded after tracing started, as services do, so the instrumentation patches kafkajs.
    const { trace, context } = await import('@opentelemetry/api');
    const { Platform } = await import('../../../services/platform/runtime/platform.ts');
    const { EventProducer } = await import('../../../services/platform/kafka/event-producer.ts');
    const { provision, testLogger, testPlatformConfig } = await import('../../support/test-env.ts');
    const { readTopic } = await import('../../support/kafka-inspect.ts');
    const { pickCompletedEvent } = await import('../../support/fixtures.ts');

    const cfg = testPlatformConfig(undefined, 'send-span-test');
    const topics = await provision(cfg);
    const platform = Platform.fromConfig(cfg, testLogger);
    const producer = new EventProducer({ producer: await platform.producer(), admin: await platform.admin(), codec: platform.codec, topics, logger: testLogger });
    const topic = topics.lifecycle.name;
    const tracer = trace.getTracer('send-span-test');
    // The instrumentation's per-record work (a suppressed no-op span per record) is skipped,
    // not just silenced: the port calls kafkajs's own send (telemetry/uninstrumented.ts).
    const { KafkaJsInstrumentation } = await import('@opentelemetry/instrumentation-kafkajs');
    const perRecord = mock.method(KafkaJsInstrumentation.prototype as unknown as { _startProducerSpan: () => unknown }, '_startProducerSpan');
    try {
      const batch = Array.from({ length: 5 }, () => ({ eventType: 'PickCompleted' as const, event: pickCompletedEvent() }));
      await producer.publish(batch);
      const single = pickCompletedEvent();
      await producer.publish([{ eventType: 'PickCompleted', event: single }]);
      // Eight callers at once, each in a request span of its own: the port merges their sends.
      const concurrent = Array.from({ length: 8 }, () => pickCompletedEvent());
      const requestSpans = new Map<string, { traceId: string; spanId: string }>();
      await Promise.all(
        concurrent.map((e) => {
          const request = tracer.startSpan(`request ${e.envelope.eventId}`);
          requestSpans.set(e.envelope.eventId, request.spanContext());
          return context.with(trace.setSpan(context.active(), request), () => producer.publish([{ eventType: 'PickCompleted', event: e }])).finally(() => request.end());
        }),
      );

      const records = await readTopic(cfg.kafka.brokers, topic, 14);
      assert.equal(perRecord.mock.callCount(), 0, 'the instrumentation started no per-record span for the port\'s sends');
      await tracing.shutdown(); // flushes the batch span processor to the receiver
      const producerSpans = receiver.spans.filter((s) => s.kind === spanKind.producer && s.attributes['messaging.destination.name'] === topic);
      assert.ok(producerSpans.every((s) => s.scope === 'logistics-event-backbone'), `no instrumentation spans: ${JSON.stringify(producerSpans.map((s) => s.scope))}`);
      assert.equal(producerSpans.length, 10, 'one span per send: the batch, the single event and the eight concurrent ones');
      const carried = (r: { headers: Record<string, string> }) => producerSpans.find((s) => r.headers.traceparent === `00-${s.traceId}-${s.spanId}-01`);

      const batchSpans = producerSpans.filter((s) => s.attributes['messaging.batch.message_count'] === 5);
      assert.equal(batchSpans.length, 1, `one batch span, got ${JSON.stringify(producerSpans.map((s) => [s.name, s.attributes]))}`);
      const batchSpan = batchSpans[0]!;
      assert.equal(batchSpan.name, `send ${topic}`);
      const batchIds = new Set(batch.map((e) => e.event.envelope.eventId));
      const batchRecords = records.filter((r) => batchIds.has(r.headers['event-id']!));
      assert.equal(batchRecords.length, 5);
      for (const r of batchRecords) assert.equal(carried(r), batchSpan, 'each record carries the batch span');

      const singleRecord = records.find((r) => r.headers['event-id'] === single.envelope.eventId)!;
      const own = carried(singleRecord);
      assert.ok(own, 'the single event carries its own span');
      assert.equal(own.attributes['leb.event.id'], single.envelope.eventId);
      assert.equal(own.attributes['messaging.destination.partition.id'], String(singleRecord.partition));

      for (const e of concurrent) {
        const r = records.find((x) => x.headers['event-id'] === e.envelope.eventId)!;
        const span = carried(r);
        const request = requestSpans.get(e.envelope.eventId)!;
        assert.ok(span, `record of ${e.envelope.eventId} carries a producer span`);
        assert.equal(span.attributes['leb.event.id'], e.envelope.eventId);
        assert.equal(span.traceId, request.traceId, 'in its own caller\'s trace');
        assert.equal(span.parentSpanId, request.spanId, 'a child of its own caller\'s span');
      }
    } finally {
      perRecord.mock.restore();
      await platform.close();
    }
  });
});
