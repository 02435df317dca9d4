/**
 * A publish of several events is one PRODUCER span whose context every record carries; a
 * single event keeps the kafkajs instrumentation's own span. Tracing runs in this test's
 * process exactly as a service starts it (startTracing before kafkajs is loaded), exporting
 * OTLP/HTTP JSON to a receiver in the test; events go to the real broker.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTracing, type Tracing } from '../../../services/platform/telemetry/start-tracing.ts';
import { OtlpReceiver, spanKind } from '../../support/otlp-receiver.ts';

const receiver = new OtlpReceiver();
let tracing: Tracing;

describe('batch send span', () => {
  before(async () => {
    await receiver.start();
    // The SDK reads its exporter settings from process.env itself, as in a service.
    for (const k of Object.keys(process.env)) if (k.startsWith('OTEL_')) delete process.env[k];
    Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_TRACES_SAMPLER: 'always_on' });
    tracing = await startTracing('batch-span-test');
  });
  after(() => receiver.stop());

  it('gives a multi-event publish one span, carried by every record, and a single event its instrumentation span', async () => {
    // Loaded after tracing started, as services do, so the instrumentation patches kafkajs.
    const { Platform } = await import('../../../services/platform/runtime/platform.ts');
    const { EventProducer } = await import('../../../services/platform/kafka/event-producer.ts');
    const { provision, testLogger, testPlatformConfig } = await import('../../support/test-env.ts');
    const { readTopic } = await import('../../support/kafka-inspect.ts');
    const { pickCompletedEvent } = await import('../../support/fixtures.ts');

    const cfg = testPlatformConfig(undefined, 'batch-span-test');
    const topics = await provision(cfg);
    const platform = Platform.fromConfig(cfg, testLogger);
    const producer = new EventProducer({ producer: await platform.producer(), admin: await platform.admin(), codec: platform.codec, topics, logger: testLogger });
    const topic = topics.lifecycle.name;
    try {
      const batch = Array.from({ length: 5 }, () => ({ eventType: 'PickCompleted' as const, event: pickCompletedEvent() }));
      await producer.publish(batch);
      const single = pickCompletedEvent();
      await producer.publish([{ eventType: 'PickCompleted', event: single }]);

      const records = await readTopic(cfg.kafka.brokers, topic, 6);
      await tracing.shutdown(); // flushes the batch span processor to the receiver
      const producerSpans = receiver.spans.filter((s) => s.kind === spanKind.producer && s.attributes['messaging.destination.name'] === topic);

      const batchSpans = producerSpans.filter((s) => s.attributes['messaging.batch.message_count'] === 5);
      assert.equal(batchSpans.length, 1, `one batch span, got ${JSON.stringify(producerSpans.map((s) => [s.scope, s.name, s.attributes]))}`);
      const batchSpan = batchSpans[0]!;
      assert.equal(batchSpan.name, `send ${topic}`);
      assert.equal(batchSpan.scope, 'logistics-event-backbone');
      const batchIds = new Set(batch.map((e) => e.event.envelope.eventId));
      const batchRecords = records.filter((r) => batchIds.has(r.headers['event-id']!));
      assert.equal(batchRecords.length, 5);
      for (const r of batchRecords) assert.equal(r.headers.traceparent, `00-${batchSpan.traceId}-${batchSpan.spanId}-01`, 'each record carries the batch span');

      // No per-record instrumentation spans for the batch: the only other producer span is the single event's.
      const others = producerSpans.filter((s) => s !== batchSpan);
      assert.equal(others.length, 1, `only the single event's span besides the batch, got ${others.length}`);
      const own = others[0]!;
      assert.equal(own.scope, '@opentelemetry/instrumentation-kafkajs');
      assert.equal(own.attributes['leb.event.id'], single.envelope.eventId);
      const singleRecord = records.find((r) => r.headers['event-id'] === single.envelope.eventId)!;
      assert.equal(singleRecord.headers.traceparent, `00-${own.traceId}-${own.spanId}-01`);
    } finally {
      await platform.close();
    }
  });
});
