import { SpanKind, trace, type Attributes, type Context, type Link } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace-base';

/**
 * The sampler named by OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (the standard names;
 * default `parentbased_always_on`, ratio default 1). Parent-based samplers follow the
 * caller's decision carried in `traceparent`, so a trace is kept or dropped as a whole from
 * webhook to downstream call.
 */
export function samplerFromEnv(env: NodeJS.ProcessEnv = process.env): Sampler {
  const arg = env.OTEL_TRACES_SAMPLER_ARG ? Number(env.OTEL_TRACES_SAMPLER_ARG) : 1;
  const ratio = () => new TraceIdRatioBasedSampler(Number.isFinite(arg) ? arg : 1);
  switch (env.OTEL_TRACES_SAMPLER || 'parentbased_always_on') {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio();
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio() });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/**
 * Wraps the configured sampler to drop one kind of span: the per-message "process" spans the
 * kafkajs instrumentation opens in eachBatch mode. Those are children of its batch "poll"
 * span, only *link* to the producer and end when the whole batch ends, so they would
 * duplicate the backbone's own per-record process span (record-span.ts), which is the
 * producer's child and encloses the record's real work. The "poll" span itself is kept.
 */
export class KafkaBatchDuplicateFilter implements Sampler {
  constructor(private readonly inner: Sampler) {}

  shouldSample(ctx: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    if (kind === SpanKind.CONSUMER && attributes['messaging.operation.type'] === 'process') {
      // The SDK's span object exposes its attributes; a remote (extracted) parent has none.
      const parent = trace.getSpan(ctx) as { attributes?: Attributes } | undefined;
      if (parent?.attributes?.['messaging.operation.type'] === 'receive') return { decision: SamplingDecision.NOT_RECORD };
    }
    return this.inner.shouldSample(ctx, traceId, name, kind, attributes, links);
  }

  toString(): string {
    return `KafkaBatchDuplicateFilter{${this.inner.toString()}}`;
  }
}
