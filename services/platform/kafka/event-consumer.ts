import type { AvroEventCodec } from '../codec/avro-codec.ts';
import type { DeadLetterPublisher } from '../dlq/dead-letter-publisher.ts';
import { asBackboneError } from '../errors/backbone-error.ts';
import type { EventTypeMap, EventTypeName } from '../events/canonical-event.ts';
import type { Logger } from '../logging/logger.ts';
import { RetriesExhausted, withRetry, type RetryPolicy } from '../retry/retry-policy.ts';
import type { ConsumerBatch, ConsumerPort, IncomingRecord } from './kafka-port.ts';

/** What a handler gets besides the typed event: record coordinates, a child logger, cancellation. */
export interface HandlerContext {
  topic: string;
  partition: number;
  offset: string;
  /** Attempt number for this event, starting at 1. */
  attempt: number;
  logger: Logger;
  /** Aborted when the consumer stops: long downstream calls should give up and be retried later. */
  signal: AbortSignal;
}

/** Typed handlers per event type; handlers never see Buffers. Types without a handler are not this consumer's business. */
export type EventHandlers = { [K in EventTypeName]?: (event: EventTypeMap[K], ctx: HandlerContext) => Promise<void> };

/** Settings of an EventConsumer. */
export interface EventConsumerOptions {
  /** Consumer name, also used in dead-letter records (e.g. "erp-consumer"). */
  name: string;
  consumer: ConsumerPort;
  codec: AvroEventCodec;
  topics: string[];
  handlers: EventHandlers;
  deadLetters: DeadLetterPublisher;
  /** Policy for retriable handler failures; after the last attempt the record is dead-lettered. */
  retry: RetryPolicy;
  /** Policy for infrastructure outages (registry, dead-letter writes): retried until stopped, never dead-lettered. */
  outageRetry?: RetryPolicy;
  logger: Logger;
  fromBeginning?: boolean;
  partitionsConcurrently?: number;
}

/**
 * A consumer-group member bound to the canonical schemas. For each record, in partition order:
 * decode writer → reader schema, call the typed handler, retry retriable failures with backoff,
 * dead-letter what cannot be decoded or processed, and commit the offset only after the
 * handler (or the dead-letter write) finished. An outage of the registry or of Kafka is waited
 * out, never turned into a dead letter or a skipped record.
 */
export class EventConsumer {
  private readonly opts: Required<Omit<EventConsumerOptions, 'fromBeginning'>> & { fromBeginning: boolean };
  private readonly abort = new AbortController();
  private running = false;

  constructor(opts: EventConsumerOptions) {
    this.opts = {
      fromBeginning: true,
      partitionsConcurrently: 1,
      outageRetry: { maxAttempts: Infinity, minDelayMs: 500, maxDelayMs: 15_000 },
      ...opts,
    };
  }

  /** Connects, subscribes and starts consuming; resolves once the consumer runs. */
  async start(): Promise<void> {
    const { consumer, topics, fromBeginning, partitionsConcurrently } = this.opts;
    await consumer.connect();
    await consumer.subscribe(topics, fromBeginning);
    await consumer.run((batch) => this.onBatch(batch), { partitionsConcurrently });
    this.running = true;
    this.opts.logger.info({ topics }, 'consumer started');
  }

  /** Stops fetching, lets in-flight work give up at its next await, and leaves the group. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.opts.consumer.disconnect();
    this.running = false;
  }

  /** True between start() and stop(). */
  get isRunning(): boolean {
    return this.running;
  }

  private async onBatch(batch: ConsumerBatch): Promise<void> {
    for (const record of batch.records) {
      if (batch.isStale() || this.abort.signal.aborted) break;
      await this.processRecord(record, batch);
      batch.resolveOffset(record.offset);
      await batch.commit();
    }
  }

  private async processRecord(record: IncomingRecord, batch: ConsumerBatch): Promise<void> {
    const { codec, handlers, logger, retry, outageRetry } = this.opts;
    const log = logger.child({ topic: record.topic, partition: record.partition, offset: record.offset });
    const signal = this.abort.signal;
    try {
      // Registry lookups: an outage is waited out; a definite answer (unknown id, bad bytes) is final.
      const peeked = await withRetry(() => codec.peek(record.value), outageRetry, {
        signal,
        onRetry: (e, n) => log.warn({ code: e.code, attempt: n }, 'registry unavailable; retrying'),
      });
      const handler = handlers[peeked.eventType as EventTypeName] as ((e: unknown, c: HandlerContext) => Promise<void>) | undefined;
      if (!peeked.known || !handler) {
        log.debug({ eventType: peeked.eventType }, 'event type not handled by this consumer');
        return;
      }
      const decoded = await withRetry(() => codec.decode(record.value), outageRetry, { signal });
      const env = (decoded.event as { envelope: { eventId: string; correlationId: string; shipmentId: string | null } }).envelope;
      const elog = log.child({ eventType: decoded.eventType, eventId: env.eventId, correlationId: env.correlationId, shipmentId: env.shipmentId });
      await withRetry(
        async (attempt) => {
          await batch.heartbeat();
          await handler(decoded.event, { topic: record.topic, partition: record.partition, offset: record.offset, attempt, logger: elog, signal });
        },
        retry,
        { signal, onRetry: (e, n, delay) => elog.warn({ code: e.code, attempt: n, delayMs: delay }, 'handler failed; retrying') },
      );
      elog.debug('event handled');
    } catch (err) {
      if (signal.aborted) throw err;
      const failure = err instanceof RetriesExhausted ? err : new RetriesExhausted(asBackboneError(err), 1);
      log.error({ code: failure.error.code, attempts: failure.attempts, err: failure.error.message }, 'dead-lettering record');
      await withRetry(() => this.opts.deadLetters.publish(record, failure.error, failure.attempts), outageRetry, {
        signal,
        onRetry: (e, n) => log.warn({ code: e.code, attempt: n }, 'dead-letter write failed; retrying'),
      });
    }
  }
}
