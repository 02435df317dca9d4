import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { AlwaysOnSampler, BasicTracerProvider, ParentBasedSampler, SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { eventHeaders } from '../../../services/platform/kafka/event-producer.ts';
import { BackboneError } from '../../../services/platform/errors/backbone-error.ts';
import { eventAttributesFromHeaders } from '../../../services/platform/telemetry/event-span-attributes.ts';
import { KafkaBatchDuplicateFilter, samplerFromEnv } from '../../../services/platform/telemetry/sampler.ts';
import { tracingSettingsFromEnv } from '../../../services/platform/telemetry/tracing-settings.ts';

describe('tracing settings from the standard OTEL_* environment', () => {
  it('is off unless an exporter or an OTLP endpoint is configured', () => {
    assert.equal(tracingSettingsFromEnv('wms-adapter', {}).enabled, false);
    assert.equal(tracingSettingsFromEnv('wms-adapter', { OTEL_TRACES_SAMPLER: 'always_on' }).enabled, false);
    assert.equal(tracingSettingsFromEnv('wms-adapter', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).enabled, true);
    assert.equal(tracingSettingsFromEnv('wms-adapter', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }).enabled, true);
    assert.equal(tracingSettingsFromEnv('wms-adapter', { OTEL_TRACES_EXPORTER: 'console' }).enabled, true);
    assert.equal(tracingSettingsFromEnv('wms-adapter', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).enabled, false);
    assert.equal(tracingSettingsFromEnv('wms-adapter', { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).enabled, false);
  });

  it('names the service after itself unless OTEL_SERVICE_NAME says otherwise', () => {
    assert.equal(tracingSettingsFromEnv('erp-consumer', {}).serviceName, 'erp-consumer');
    assert.equal(tracingSettingsFromEnv('erp-consumer', { OTEL_SERVICE_NAME: 'erp-eu' }).serviceName, 'erp-eu');
  });

  it('refuses a malformed value, naming the variable', () => {
    for (const [name, value] of [['OTEL_TRACES_SAMPLER', 'sometimes'], ['OTEL_TRACES_SAMPLER_ARG', '1.5'], ['OTEL_EXPORTER_OTLP_PROTOCOL', 'udp'], ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector']]) {
      assert.throws(
        () => tracingSettingsFromEnv('x', { [name!]: value }),
        (e: unknown) => e instanceof BackboneError && e.code === 'CONFIG_INVALID' && e.message.startsWith(`${name}:`),
        name,
      );
    }
  });
});

describe('sampling', () => {
  it('builds the standard samplers, parent-based always-on by default', () => {
    assert.ok(samplerFromEnv({}) instanceof ParentBasedSampler);
    assert.match(samplerFromEnv({}).toString(), /AlwaysOnSampler/);
    assert.ok(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'always_on' }) instanceof AlwaysOnSampler);
    assert.ok(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }) instanceof TraceIdRatioBasedSampler);
    assert.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }).toString(), /root=TraceIdRatioBased\{0\.1\}/);
  });

  it("drops only the kafkajs instrumentation's per-message process spans under its batch poll span", () => {
    const filter = new KafkaBatchDuplicateFilter(new AlwaysOnSampler());
    const provider = new BasicTracerProvider({ sampler: filter });
    const poll = provider.getTracer('t').startSpan('poll topic', { kind: SpanKind.CLIENT, attributes: { 'messaging.operation.type': 'receive' } });
    const process = { 'messaging.system': 'kafka', 'messaging.operation.type': 'process' };
    const inPoll = trace.setSpan(ROOT_CONTEXT, poll);
    assert.equal(filter.shouldSample(inPoll, 'a'.repeat(32), 'process topic', SpanKind.CONSUMER, process, []).decision, SamplingDecision.NOT_RECORD);
    // The backbone's own process span has the producer's (remote) context as parent: kept.
    const remote = trace.setSpanContext(ROOT_CONTEXT, { traceId: 'b'.repeat(32), spanId: 'c'.repeat(16), traceFlags: 1, isRemote: true });
    assert.equal(filter.shouldSample(remote, 'b'.repeat(32), 'process topic', SpanKind.CONSUMER, process, []).decision, SamplingDecision.RECORD_AND_SAMPLED);
    assert.equal(filter.shouldSample(inPoll, 'a'.repeat(32), 'POST', SpanKind.CLIENT, {}, []).decision, SamplingDecision.RECORD_AND_SAMPLED);
    poll.end();
  });
});

describe('event span attributes', () => {
  it('read the headers EventProducer writes', () => {
    const headers = {
      [eventHeaders.eventId]: Buffer.from('e-1'),
      [eventHeaders.eventType]: 'PickCompleted',
      [eventHeaders.shipmentId]: Buffer.from('SHP-1'),
      [eventHeaders.correlationId]: 'corr-1',
    };
    assert.deepEqual(eventAttributesFromHeaders(headers), { 'leb.event.id': 'e-1', 'leb.event.type': 'PickCompleted', 'leb.shipment.id': 'SHP-1', 'leb.correlation.id': 'corr-1' });
    assert.deepEqual(eventAttributesFromHeaders({}), {});
  });
});
