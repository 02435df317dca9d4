import type { AvroEventCodec } from '../codec/avro-codec.ts';
import { checkReaderContracts } from '../codec/contract-check.ts';
import type { RegistryClient } from '../codec/registry-client.ts';
import type { EffectLedger } from '../dedup/effect-ledger.ts';
import type { DeadLetterPublisher } from '../dlq/dead-letter-publisher.ts';
import { BackboneError, asBackboneError } from '../errors/backbone-error.ts';
import type { EventTypeMap, EventTypeName } from '../events/canonical-event.ts';
import type { Logger } from '../logging/logger.ts';
import { RetriesExhausted, withRetry, type RetryPolicy } from '../retry/retry-policy.ts';
import type { ConsumerBatch, ConsumerPort, IncomingRecord } from './kafka-port.ts';

/** What a handler gets besides the typed event: record coordinates, a child logger, cancellation. */
export interface HandlerContext {
  topic: string;
  partition: number;
  offset: string;
  /** Attempt number for this event, starting at 1 (counted across instances when an idempotency ledger is used). */
  attempt: number;
  /** Kafka record timestamp (epoch millis), e.g. to tell a replayed old event from a fresh one. */
  timestamp: number;
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
  /**
   * The shared idempotency store: when given, each handler runs at most once per event id
   * for this consumer (name), across redeliveries, rebalances, instances and replays.
   */
  idempotency?: EffectLedger;
  /**
   * When given, start() first checks that the reader schemas of the handled event types can
   * read the latest writer schemas in this registry, and refuses to start naming the subject
   * and field when they cannot.
   */
  contractRegistry?: RegistryClient;
}

/** Another instance holds a live claim on this event's side effect: wait, then look again. */
class EffectInProgress extends BackboneError {
  constructor(eventId: string) {
    super('EFFECT_IN_PROGRESS', `another instance is performing the side effect of event ${eventId}`, { retriable: true });
  }
}

/**
 * A consumer-group member bound to the canonical schemas. For each record, in partition order:
 * decode writer → reader schema, call the typed handler, retry retriable failures with backoff,
 * dead-letter what cannot be decoded or processed, and commit the offset only after the
 * handler (or the dead-letter write) finished. An outage of the registry or of Kafka is waited
 * out, never turned into a dead letter or a skipped record.
 */
export class EventConsumer {
  private readonly opts: Required<Omit<EventConsumerOptions, 'fromBeginning' | 'idempotency' | 'contractRegistry'>> &
    Pick<EventConsumerOptions, 'idempotency' | 'contractRegistry'> & { fromBeginning: boolean };
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
    const { consumer, topics, fromBeginning, partitionsConcurrently, contractRegistry, codec, handlers, outageRetry, logger } = this.opts;
    if (contractRegistry) {
      const readers = Object.keys(handlers).map((t) => codec.schemaOf(t));
      // A registry outage at start-up is waited out; an incompatibility is final.
      const checked = await withRetry(() => checkReaderContracts(contractRegistry, readers), outageRetry, {
        signal: this.abort.signal,
        onRetry: (e, n) => logger.warn({ code: e.code, attempt: n }, 'registry unavailable for the contract check; retrying'),
      });
      logger.info({ contracts: checked }, 'reader schemas can read what producers write');
    }
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

  /** Runs a handler under the idempotency ledger, when there is one: at most one completed run per event id. */
  private async runOnce(eventId: string, attempt: number, log: Logger, run: (attempt: number) => Promise<void>): Promise<void> {
    const ledger = this.opts.idempotency;
    if (!ledger) return run(attempt);
    const claim = await ledger.claim(this.opts.name, eventId);
    if (claim.outcome === 'done') {
      log.info('side effect already performed for this event: skipped');
      return;
    }
    if (claim.outcome === 'in-progress') throw new EffectInProgress(eventId);
    try {
      await run(claim.attempt);
    } catch (err) {
      await ledger.release(this.opts.name, eventId).catch(() => undefined);
      throw err;
    }
    await ledger.complete(this.opts.name, eventId);
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
      const ctx = (attempt: number): HandlerContext => ({
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        attempt,
        timestamp: Number(record.timestamp),
        logger: elog,
        signal,
      });
      await withRetry(
        async (attempt) => {
          await batch.heartbeat();
          await this.runOnce(env.eventId, attempt, elog, (n) => handler(decoded.event, ctx(n)));
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
