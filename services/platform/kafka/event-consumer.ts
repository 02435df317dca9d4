import { setTimeout as sleep } from 'node:timers/promises';
import type { AvroEventCodec } from '../codec/avro-codec.ts';
import { checkReaderContracts } from '../codec/contract-check.ts';
import type { RegistryClient } from '../codec/registry-client.ts';
import type { EffectLedger } from '../dedup/effect-ledger.ts';
import type { DeadLetterPublisher } from '../dlq/dead-letter-publisher.ts';
import { asBackboneError, type BackboneError } from '../errors/backbone-error.ts';
import { lazyChild } from '../logging/lazy-child.ts';
import type { Logger } from '../logging/logger.ts';
import { ConsecutiveFailureBreaker } from '../retry/circuit-breaker.ts';
import type { ParkingLot } from '../retry/parking-lot.ts';
import { RetriesExhausted, withRetry, type RetryPolicy } from '../retry/retry-policy.ts';
import { retryInfoOf, type RetryForwarder } from '../retry/retry-topic.ts';
import { inRecordSpan } from '../telemetry/record-span.ts';
import { ConsumerMetrics } from '../telemetry/consumer-metrics.ts';
import type { ConsumerBatch, ConsumerPort, IncomingRecord } from './kafka-port.ts';
import { FatalCrashWatch } from './fatal-crash-watch.ts';
import { RecordHandler, type EventHandlers } from './record-handler.ts';

export type { EffectOutcome, EventHandlers, HandlerContext, ReplayMarker } from './record-handler.ts';

/** The delayed-retry stage of a consumer: its own group on the retry topic, and the parking lot. */
export interface DelayedRetry {
  /** A consumer-group member on the retry topic (group "<group>.retry"). */
  consumer: ConsumerPort;
  /** Its group id, for trace attributes. */
  groupId?: string;
  topic: string;
  forwarder: RetryForwarder;
  parking: ParkingLot;
  /**
   * How long a parked record keeps being retried, counted from when it was parked, while its
   * failure stays retriable (default 24 h). A downstream outage must not turn events into dead
   * letters: only a non-retriable failure, or one that outlasts this horizon, is dead-lettered.
   */
  horizonMs?: number;
  /** Delay before the first delayed attempt; doubles per attempt (default 5 s, at most 5 min). */
  firstDelayMs?: number;
  /** Consecutive failed records that mean "the downstream is down": then back-pressure instead of parking (default 3). */
  breakerThreshold?: number;
}

/**
 * Runs `fn` (a retry loop whose backoff can last minutes) while heartbeating every 3 s, so the
 * member is not evicted from its group for missing its session timeout; kafkajs would then
 * crash the consumer ("The coordinator is not aware of this member"). A failed heartbeat is
 * left to the next attempt's own heartbeat, which reports a rebalance.
 */
async function heartbeating<T>(batch: ConsumerBatch, fn: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void batch.heartbeat().catch(() => undefined), 3_000);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

/** Settings of an EventConsumer. */
export interface EventConsumerOptions {
  /** Consumer name, used in dead-letter records, the retry topic and the idempotency ledger (e.g. "erp-consumer"). */
  name: string;
  consumer: ConsumerPort;
  /** The main group's id, for trace attributes (messaging.consumer.group.name). */
  groupId?: string;
  codec: AvroEventCodec;
  topics: string[];
  handlers: EventHandlers;
  deadLetters: DeadLetterPublisher;
  /** In-place retries of a retriable handler failure. */
  retry: RetryPolicy;
  /** Delayed retries with parking by key; without it, exhausted records are dead-lettered. */
  delayedRetry?: DelayedRetry;
  /** Policy for infrastructure outages (registry, dead-letter and retry writes): retried until stopped, never dead-lettered. */
  outageRetry?: RetryPolicy;
  logger: Logger;
  fromBeginning?: boolean;
  partitionsConcurrently?: number;
  /** Idempotency store: each handler runs at most once per event id for this consumer name. */
  idempotency?: EffectLedger;
  /** Contract check at start-up against this registry (refuses to start on an incompatible writer schema). */
  contractRegistry?: RegistryClient;
  /** Wraps each handler call, e.g. a rate limiter shared by all partitions. */
  rateLimit?: <T>(fn: () => Promise<T>) => Promise<T>;
  /**
   * Offsets are committed at the end of each batch, and within a batch whenever this long has
   * passed since the last commit (default 1000 ms): a crash or rebalance then repeats at most
   * about this much finished work, which the effect ledger absorbs.
   */
  commitIntervalMs?: number;
}

const keyOf = (r: IncomingRecord) => r.key?.toString() ?? `partition:${r.partition}`;

/**
 * A consumer-group member bound to the canonical schemas. Per record, in partition order:
 * decode writer → reader, run the typed handler (once per event id with a ledger), retry
 * retriable failures in place, then either park the key on the delayed-retry topic (an
 * isolated failure; later records of that key follow it, other keys flow on) or, when record
 * after record fails, hold the partition and probe until the downstream is back
 * (back-pressure). Undecodable and finally failed records are dead-lettered. Offsets are
 * committed only after the record's effect, retry-topic write or dead-letter write is done.
 */
export class EventConsumer {
  private readonly opts: EventConsumerOptions & Required<Pick<EventConsumerOptions, 'outageRetry' | 'fromBeginning' | 'partitionsConcurrently' | 'commitIntervalMs'>>;
  private readonly handler: RecordHandler;
  private readonly breaker: ConsecutiveFailureBreaker;
  private readonly abort = new AbortController();
  private running = false;
  private joined = false;
  private readonly metrics: ConsumerMetrics;
  private readonly crashes: FatalCrashWatch;

  constructor(opts: EventConsumerOptions) {
    this.metrics = new ConsumerMetrics(opts.name);
    this.crashes = new FatalCrashWatch(opts.logger, opts.name);
    this.opts = { fromBeginning: true, partitionsConcurrently: 1, commitIntervalMs: 1000, outageRetry: { maxAttempts: Infinity, minDelayMs: 500, maxDelayMs: 15_000 }, ...opts };
    this.handler = new RecordHandler({ name: opts.name, codec: opts.codec, handlers: opts.handlers, idempotency: opts.idempotency, rateLimit: opts.rateLimit });
    this.breaker = new ConsecutiveFailureBreaker(opts.delayedRetry?.breakerThreshold ?? 3);
  }

  /** Checks contracts, connects, subscribes and starts consuming (and the retry stage). */
  async start(): Promise<void> {
    const { consumer, topics, fromBeginning, partitionsConcurrently, contractRegistry, codec, outageRetry, logger, delayedRetry } = this.opts;
    if (contractRegistry) {
      const readers = this.handler.eventTypes.map((t) => codec.schemaOf(t));
      const checked = await this.outage(() => checkReaderContracts(contractRegistry, readers), logger, 'registry unavailable for the contract check');
      logger.info({ contracts: checked }, 'reader schemas can read what producers write');
    }
    await consumer.connect();
    this.crashes.watch(consumer, 'main');
    if (delayedRetry) this.crashes.watch(delayedRetry.consumer, 'retry');
    consumer.onAssignment(() => {
      this.joined = true;
    });
    await consumer.subscribe(topics, fromBeginning);
    await consumer.run((batch) => this.onBatch(batch, (r, b) => this.processMain(r, b), this.opts.groupId), { partitionsConcurrently });
    if (delayedRetry) {
      await delayedRetry.consumer.connect();
      await delayedRetry.consumer.subscribe([delayedRetry.topic], true);
      await delayedRetry.consumer.run((batch) => this.onBatch(batch, (r, b) => this.processRetry(r, b), delayedRetry.groupId), { partitionsConcurrently });
    }
    this.running = true;
    logger.info({ topics, retryTopic: delayedRetry?.topic, outageRetry }, 'consumer started');
  }

  /** Stops fetching, lets in-flight work give up at its next await, and leaves the groups. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all([this.opts.consumer.disconnect(), this.opts.delayedRetry?.consumer.disconnect()]);
    this.running = false;
  }

  /** True between start() and stop(). */
  get isRunning(): boolean {
    return this.running;
  }

  /** True once started and the main group has assigned this member, unless a client gave up for good (its readiness). */
  get hasJoinedGroup(): boolean {
    return this.running && this.joined && !this.crashes.failure;
  }

  /** The error that stopped the main or retry client for good, if one did (liveness fails then). */
  get failure(): Error | undefined {
    return this.crashes.failure;
  }

  /**
   * Handles a batch's records in order, then commits the offset after the last one finished.
   * A commit per record cost a round trip each: a replay ran at about 150 records/s with a
   * no-op handler. Within a long batch, finished records are committed every
   * `commitIntervalMs`, checked before each record, so the records before a slow one
   * (a downstream outage) are committed before it starts.
   */
  private async onBatch(batch: ConsumerBatch, process: (r: IncomingRecord, b: ConsumerBatch) => Promise<void>, group?: string): Promise<void> {
    let lastCommit = Date.now();
    try {
      for (const record of batch.records) {
        if (batch.isStale() || this.abort.signal.aborted) break;
        if (Date.now() - lastCommit >= this.opts.commitIntervalMs) {
          await this.commit(batch);
          lastCommit = Date.now();
        }
        // One span per record, child of its producer's span: the handler's calls join the webhook's trace.
        await inRecordSpan(record, { name: this.opts.name, group }, () => process(record, batch));
        batch.resolveOffset(record.offset);
      }
    } finally {
      // Also when a record gave up because the consumer is stopping: what finished before it stays done.
      await this.commit(batch);
    }
  }

  /**
   * Commits what the batch finished. A commit refused because the batch went stale (the group
   * is rebalancing, the consumer stopping) is not a failure: its records come again to
   * whichever member owns the partition next, and the effect ledger skips their effects.
   */
  private async commit(batch: ConsumerBatch): Promise<void> {
    try {
      await batch.commit();
    } catch (err) {
      if (!batch.isStale() && !this.abort.signal.aborted) throw err;
      this.opts.logger.info({ topic: batch.topic, partition: batch.partition, err: (err as Error)?.message }, 'offset commit skipped: the batch went stale; its records will be redelivered');
    }
  }

  /** Retries an infrastructure call through an outage; a definite failure is rethrown as itself. */
  private async outage<T>(fn: () => Promise<T>, log: Logger, what: string): Promise<T> {
    try {
      return await withRetry(fn, this.opts.outageRetry, { signal: this.abort.signal, onRetry: (e, n) => log.warn({ code: e.code, attempt: n }, `${what}; retrying`) });
    } catch (err) {
      throw err instanceof RetriesExhausted ? err.error : err;
    }
  }

  private async deadLetter(record: IncomingRecord, error: BackboneError, attempts: number, log: Logger): Promise<void> {
    log.error({ code: error.code, attempts, err: error.message }, 'dead-lettering record');
    await this.outage(() => this.opts.deadLetters.publish(record, error, attempts), log, 'dead-letter write failed');
    this.metrics.consumed(record, 'dead_lettered');
  }

  private async processMain(record: IncomingRecord, batch: ConsumerBatch): Promise<void> {
    const { logger, retry, delayedRetry, name } = this.opts;
    const log = lazyChild(logger, () => ({ topic: record.topic, partition: record.partition, offset: record.offset }));
    const signal = this.abort.signal;
    let prepared;
    try {
      prepared = await this.outage(() => this.handler.prepare(record, log, signal, () => batch.heartbeat()), log, 'registry unavailable');
    } catch (err) {
      if (signal.aborted) throw err;
      const e = err instanceof RetriesExhausted ? err.error : asBackboneError(err);
      return this.deadLetter(record, e, 1, log);
    }
    if (!prepared) return this.metrics.consumed(record, 'ignored');
    this.metrics.age(prepared.eventType, prepared.event);
    const key = keyOf(record);
    if (delayedRetry && (await this.outage(() => delayedRetry.parking.isParked(name, key), log, 'state store unavailable'))) {
      // An earlier record of this key waits on the retry topic: this one must not overtake it.
      await this.outage(() => delayedRetry.forwarder.forward(record, 0, Date.now(), 'PARKED_BEHIND'), log, 'retry-topic write failed');
      await this.outage(() => delayedRetry.parking.park(name, key), log, 'state store unavailable');
      prepared.logger.info({ key }, 'key is parked: record follows its predecessor to the retry topic');
      this.metrics.consumed(record, 'parked', prepared.eventType);
      return;
    }
    try {
      // In-place backoff stays below the session timeout, and each attempt heartbeats: no timer on this hot path.
      const outcome = await withRetry(async (n) => (await batch.heartbeat(), prepared.run(n)), retry, {
        signal,
        onRetry: (e, n, delay) => {
          this.metrics.retry('in_place');
          prepared.logger.warn({ code: e.code, attempt: n, delayMs: delay }, 'handler failed; retrying');
        },
      });
      this.metrics.consumed(record, outcome === 'already-done' ? 'already_done' : 'performed', prepared.eventType);
      this.breaker.success();
    } catch (err) {
      if (signal.aborted) throw err;
      const failure = err instanceof RetriesExhausted ? err : new RetriesExhausted(asBackboneError(err), 1);
      if (!failure.error.retriable || !delayedRetry) return this.deadLetter(record, failure.error, failure.attempts, prepared.logger);
      if (this.breaker.failure()) {
        // Record after record fails: the downstream is down. Hold this partition (no new
        // records fetched, nothing buffered) and probe with growing pauses until it answers.
        prepared.logger.warn({ code: failure.error.code }, 'downstream looks down: applying back-pressure');
        const outcome = await heartbeating(batch, () => withRetry(async (n) => (await batch.heartbeat(), prepared.run(n)), { maxAttempts: Infinity, minDelayMs: 1000, maxDelayMs: 30_000 }, {
          signal,
          onRetry: (e, n, delay) => {
            this.metrics.retry('back_pressure');
            prepared.logger.warn({ code: e.code, probe: n, delayMs: delay }, 'back-pressure: downstream still failing');
          },
        }));
        this.metrics.consumed(record, outcome === 'already-done' ? 'already_done' : 'performed', prepared.eventType);
        this.breaker.success();
        return;
      }
      const delay = delayedRetry.firstDelayMs ?? 5000;
      await this.outage(() => delayedRetry.forwarder.forward(record, 1, Date.now() + delay, failure.error.code), log, 'retry-topic write failed');
      await this.outage(() => delayedRetry.parking.park(name, key), log, 'state store unavailable');
      prepared.logger.warn({ code: failure.error.code, key, delayMs: delay }, 'parked on the retry topic; other keys continue');
      this.metrics.consumed(record, 'parked', prepared.eventType);
    }
  }

  private async processRetry(record: IncomingRecord, batch: ConsumerBatch): Promise<void> {
    const { logger, name } = this.opts;
    const delayed = this.opts.delayedRetry!;
    const info = retryInfoOf(record);
    if (!info || info.consumer !== name) return;
    const original = info.original;
    const log = lazyChild(logger, () => ({ stage: 'retry', topic: original.topic, partition: original.partition, offset: original.offset, retryOffset: record.offset }));
    const signal = this.abort.signal;
    const key = keyOf(original);
    // Wait for the record's time, heartbeating; later records of this retry partition wait behind it, which keeps each key's order.
    while (Date.now() < info.notBefore) {
      if (signal.aborted || batch.isStale()) throw new Error('consumer stopping');
      await sleep(Math.min(1000, info.notBefore - Date.now()));
      await batch.heartbeat();
    }
    const firstDelay = delayed.firstDelayMs ?? 5000;
    const parkedAt = Number(record.timestamp) || Date.now();
    const remainingMs = Math.max(0, parkedAt + (delayed.horizonMs ?? 86_400_000) - Date.now());
    try {
      const prepared = await this.outage(() => this.handler.prepare(original, log, signal, () => batch.heartbeat()), log, 'registry unavailable');
      if (prepared) {
        const outcome = await heartbeating(batch, () => withRetry(async (n) => (await batch.heartbeat(), prepared.run(n)), { maxAttempts: Infinity, minDelayMs: firstDelay * 2, maxDelayMs: 300_000, maxElapsedMs: remainingMs }, {
          signal,
          onRetry: (e, n, delay) => {
            this.metrics.retry('delayed');
            prepared.logger.warn({ code: e.code, attempt: info.attempt + n, delayMs: delay }, 'delayed retry failed; waiting');
          },
        }));
        prepared.logger.info({ attempt: info.attempt }, 'delayed retry succeeded');
        this.metrics.consumed(original, outcome === 'already-done' ? 'already_done' : 'performed', prepared.eventType);
      }
    } catch (err) {
      if (signal.aborted) throw err;
      const failure = err instanceof RetriesExhausted ? err : new RetriesExhausted(asBackboneError(err), 1);
      await this.deadLetter(original, failure.error, info.attempt + failure.attempts, log);
    }
    await this.outage(() => delayed.parking.release(name, key), log, 'state store unavailable');
  }
}
