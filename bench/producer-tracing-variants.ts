/**
 * The producer variants that run in child processes, each with its own OTEL_* environment:
 * R-child (raw kafkajs, pre-encoded, no OTEL_* variable), B with no OTEL_* variable at all, B
 * with tracing explicitly disabled (OTEL_SDK_DISABLED=true although an endpoint is set), and B
 * traced at 10% (parentbased_traceidratio 0.1) and 100% (always_on) sampling, exporting
 * OTLP/HTTP protobuf to the bench's receiver. Goals are issue 9's, judged against R-child: a
 * child process and the bench's own process differ in more than what the goal is about (heap,
 * GC timing, what else has run there), so both sides of the ratio run in children.
 */
import type { OtlpReceiver } from './otlp-receiver.ts';

/** One child variant. */
export interface ProducerTracingVariant {
  /** Key in the JSON and the receiver path. */
  key: string;
  /** Label in the printed table. */
  label: string;
  /** R rather than B: the raw kafkajs producer of pre-encoded events, in a child like the Bs. */
  raw?: boolean;
  /** Whether startTracing must report tracing on. */
  tracing: boolean;
  /** Expected share of events with an exported producer span (traced variants). */
  sampleRatio: number;
  /**
   * Minimum B/R (per-repeat median), kafkajs variants only: issue 9's for B@10% and B@100%, and
   * the same 85% for B-off (tracing not configured).
   */
  goal?: number;
  /**
   * The raw producer a B child is compared with (and its goal judged against), in a child
   * process like it: R-child (kafkajs) or Rc-child (the confluent client's port). Raw children
   * have none; every child's ratio to the parent's R (or Rc) is reported too.
   */
  base?: 'R-child' | 'Rc-child';
  otel: Record<string, string>;
}

/**
 * R-child, B-off, B-disabled, B@10% and B@100%, in that order; with `confluent`, also Rc-child,
 * Bc@10% and Bc@100%: the same over @confluentinc/kafka-javascript (KAFKA_CLIENT=confluent),
 * reported against Rc-child without a goal: issue 9's goals are for the client the backbone
 * keeps (kafkajs), and the confluent rows are there to compare.
 */
export function producerTracingVariants(receiver: OtlpReceiver, opts: { confluent?: boolean } = {}): ProducerTracingVariant[] {
  const traced = (key: string) => ({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.endpointFor(key), OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_SERVICE_NAME: 'bench-producer' });
  return [
    {
      key: 'R-child',
      label: 'R raw kafkajs, pre-encoded (child process)',
      raw: true,
      tracing: false,
      sampleRatio: 0,
      otel: {},
    },
    {
      key: 'B-off',
      label: 'B, tracing not configured (child process)',
      tracing: false,
      sampleRatio: 0,
      goal: 0.85,
      base: 'R-child' as const,
      otel: {},
    },
    {
      key: 'B-disabled',
      label: 'B, OTEL_SDK_DISABLED=true (child process)',
      tracing: false,
      sampleRatio: 0,
      base: 'R-child' as const,
      otel: { ...traced('B-disabled'), OTEL_SDK_DISABLED: 'true' },
    },
    {
      key: 'B@10%',
      label: 'B, tracing parentbased_traceidratio 0.1 (child)',
      tracing: true,
      sampleRatio: 0.1,
      goal: 0.85,
      base: 'R-child' as const,
      otel: { ...traced('B@10%'), OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' },
    },
    {
      key: 'B@100%',
      label: 'B, tracing always_on (child)',
      tracing: true,
      sampleRatio: 1,
      goal: 0.75,
      base: 'R-child' as const,
      otel: { ...traced('B@100%'), OTEL_TRACES_SAMPLER: 'always_on' },
    },
    ...(opts.confluent
      ? [
          {
            key: 'Rc-child',
            label: 'Rc ProducerPort over confluent, pre-encoded (child process)',
            raw: true,
            tracing: false,
            sampleRatio: 0,
            otel: { KAFKA_CLIENT: 'confluent' },
          },
          {
            key: 'Bc@10%',
            label: 'Bc over confluent, tracing parentbased_traceidratio 0.1 (child)',
            tracing: true,
            sampleRatio: 0.1,
            base: 'Rc-child' as const,
            otel: { ...traced('Bc@10%'), OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1', KAFKA_CLIENT: 'confluent' },
          },
          {
            key: 'Bc@100%',
            label: 'Bc over confluent, tracing always_on (child)',
            tracing: true,
            sampleRatio: 1,
            base: 'Rc-child' as const,
            otel: { ...traced('Bc@100%'), OTEL_TRACES_SAMPLER: 'always_on', KAFKA_CLIENT: 'confluent' },
          },
        ]
      : []),
  ];
}
