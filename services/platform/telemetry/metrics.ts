/**
 * The backbone's Prometheus metrics, on prom-client's default registry. Every metric is
 * defined once here, at module scope, so several services in one process (tests) share them
 * instead of registering twice. Labels stay bounded: sources, endpoints, topics, event types,
 * consumers, error codes and downstream targets, never event, shipment or order ids.
 * Processes label everything with `service` (setServiceLabel, called by runService).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';
import { eventTypeNames } from '../events/canonical-event.ts';

export { register as metricsRegistry };

// Process metrics (CPU, memory, event-loop lag, GC) under their usual names, so stock Node.js dashboards work.
collectDefaultMetrics({ register });

/** Labels every metric of this process with the service's name (once per process). */
export function setServiceLabel(service: string): void {
  register.setDefaultLabels({ service });
}

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// Event age spans milliseconds (live) to days (a consumer catching up after an outage).
const ageBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21_600, 86_400, 604_800];

/** Vendor webhooks answered, by source system, endpoint and HTTP status. */
export const webhooksReceived = new Counter({
  name: 'leb_webhooks_received_total',
  help: 'Vendor webhooks answered by the adapters, by source system, endpoint and HTTP status',
  labelNames: ['source', 'endpoint', 'status'] as const,
});

/** Time from request to answer of a vendor webhook (includes Kafka's acknowledgement). */
export const webhookDuration = new Histogram({
  name: 'leb_webhook_duration_seconds',
  help: 'Time to answer a vendor webhook, including Kafka acknowledgement, by source system and endpoint',
  labelNames: ['source', 'endpoint'] as const,
  buckets: latencyBuckets,
});

/** Canonical events acknowledged by Kafka, by topic and event type. */
export const eventsProduced = new Counter({
  name: 'leb_events_produced_total',
  help: 'Canonical events written and acknowledged by Kafka (acks=all), by topic and event type',
  labelNames: ['topic', 'event_type'] as const,
});

/** What a consumer did with each record it took. */
export type ConsumeOutcome = 'performed' | 'already_done' | 'ignored' | 'parked' | 'dead_lettered';

/** Records consumed, by consumer, topic, event type and outcome. */
export const eventsConsumed = new Counter({
  name: 'leb_events_consumed_total',
  help: 'Records taken by a consumer, by consumer, topic, event type and outcome (performed, already_done, ignored, parked, dead_lettered)',
  labelNames: ['consumer', 'topic', 'event_type', 'outcome'] as const,
});

/** now − occurredAt when a consumer takes an event. */
export const eventAge = new Histogram({
  name: 'leb_event_age_seconds',
  help: 'Age of an event when a consumer takes it (now - occurredAt), by consumer and event type',
  labelNames: ['consumer', 'event_type'] as const,
  buckets: ageBuckets,
});

/** Kinds of retry a consumer makes. */
export type RetryKind = 'in_place' | 'retry_topic' | 'parked_behind' | 'delayed' | 'back_pressure';

/** Retries by consumer and kind. */
export const retries = new Counter({
  name: 'leb_retries_total',
  help: 'Retries by consumer and kind: in_place (backoff in the consumer), retry_topic (parked on the retry topic), parked_behind (followed a parked record), delayed (a delayed attempt failed again), back_pressure (probe of a downstream that is down)',
  labelNames: ['consumer', 'kind'] as const,
});

/** Dead letters written, by consumer and error code. */
export const deadLetters = new Counter({
  name: 'leb_dead_letters_total',
  help: 'Records written to the dead-letter topic, by consumer and error code',
  labelNames: ['consumer', 'code'] as const,
});

/** Records handled by replay runs, by consumer and outcome. */
export const replayRecords = new Counter({
  name: 'leb_replay_records_total',
  help: 'Records handled by replay runs, by consumer and outcome (calls, already_done, held_back, no_effect, not_handled)',
  labelNames: ['consumer', 'outcome'] as const,
});

/** Share of a replay run's window done (0..1); one series per run of this process. */
export const replayProgress = new Gauge({
  name: 'leb_replay_progress_ratio',
  help: 'Share of a replay run window processed by this process (0..1), by run id',
  labelNames: ['run_id'] as const,
});

/** Records of a replay run's window still to process. */
export const replayRemaining = new Gauge({
  name: 'leb_replay_remaining_records',
  help: 'Records of a replay run window still to process, by run id',
  labelNames: ['run_id'] as const,
});

/** Latency of calls to downstream systems (ERP, CRM, SMTP, customer webhooks). */
export const downstreamDuration = new Histogram({
  name: 'leb_downstream_request_duration_seconds',
  help: 'Duration of calls to downstream systems, by target and outcome (ok, error)',
  labelNames: ['target', 'outcome'] as const,
  buckets: latencyBuckets,
});

/** Failed downstream calls, by target and reason. */
export const downstreamErrors = new Counter({
  name: 'leb_downstream_errors_total',
  help: 'Failed calls to downstream systems, by target and reason (timeout, connection, aborted, http_4xx, http_5xx, smtp_4xx, smtp_5xx)',
  labelNames: ['target', 'reason'] as const,
});

const knownTypes = new Set<string>(eventTypeNames);

/** An event type as a label: a known canonical type, or "unknown" (a header can say anything). */
export function eventTypeLabel(name: unknown): string {
  const s = Buffer.isBuffer(name) ? name.toString() : typeof name === 'string' ? name : undefined;
  return s !== undefined && knownTypes.has(s) ? s : 'unknown';
}
