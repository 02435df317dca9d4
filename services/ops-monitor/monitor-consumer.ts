import type { AvroEventCodec } from '../platform/codec/avro-codec.ts';
import { asBackboneError } from '../platform/errors/backbone-error.ts';
import type { ConsumerBatch, ConsumerPort, IncomingRecord } from '../platform/kafka/kafka-port.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { RetriesExhausted, withRetry, type RetryPolicy } from '../platform/retry/retry-policy.ts';
import type { SlaTracker } from '../platform/sla/sla-tracker.ts';
import type { SlaTransition } from '../platform/sla/sla-store.ts';
import type { TimelineStore } from '../platform/timeline/timeline-store.ts';
import { indexRecord, type MonitoredTopics } from './record-indexer.ts';
import { lazyChild } from '../platform/logging/lazy-child.ts';
import { FatalCrashWatch } from '../platform/kafka/fatal-crash-watch.ts';

/** Settings of a MonitorConsumer. */
export interface MonitorConsumerOptions {
  consumer: ConsumerPort;
  codec: AvroEventCodec;
  topics: MonitoredTopics;
  timeline: TimelineStore;
  tracker: SlaTracker;
  logger: Logger;
  /** Called with the SLA status changes each event caused (for the counters). */
  onTransitions: (t: SlaTransition[]) => void;
  /** Policy for registry and state-store outages: retried until stopped (default), never skipped. */
  outageRetry?: RetryPolicy;
}

/**
 * Reads the lifecycle, retry and dead-letter topics in its own group, writes a timeline
 * entry per record and feeds lifecycle events to the SLA tracker. An offset is committed only
 * after the record's writes, so a crash re-reads (both writes are idempotent) and nothing is
 * lost; an undecodable record is indexed with its error and passed, never retried forever.
 */
export class MonitorConsumer {
  private readonly abort = new AbortController();
  private running = false;
  private joined = false;
  /** Records indexed by this process (for logs and tests). */
  indexed = 0;

  private readonly crashes: FatalCrashWatch;

  constructor(private readonly opts: MonitorConsumerOptions) {
    this.crashes = new FatalCrashWatch(opts.logger, 'ops-monitor');
  }

  /** Joins the group and starts reading from the beginning of each topic (first start) or the committed offsets. */
  async start(): Promise<void> {
    const { consumer, topics } = this.opts;
    consumer.onAssignment(() => {
      this.joined = true;
    });
    await consumer.connect();
    this.crashes.watch(consumer, 'main');
    await consumer.subscribe([topics.lifecycle, topics.retry, topics.deadLetter], true);
    await consumer.run((batch) => this.onBatch(batch), { partitionsConcurrently: 3 });
    this.running = true;
    this.opts.logger.info({ topics }, 'ops monitor consuming');
  }

  /** Stops fetching and leaves the group; in-flight work gives up at its next retry. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.opts.consumer.disconnect();
    this.running = false;
  }

  /** True between start() and stop(). */
  get isRunning(): boolean {
    return this.running;
  }

  /** True once running and its group assigned it partitions, unless the client gave up for good (readiness). */
  get hasJoinedGroup(): boolean {
    return this.running && this.joined && !this.crashes.failure;
  }

  /** The error that stopped the client for good, if one did (liveness fails then). */
  get failure(): Error | undefined {
    return this.crashes.failure;
  }

  private async onBatch(batch: ConsumerBatch): Promise<void> {
    try {
      for (const record of batch.records) {
        if (batch.isStale() || this.abort.signal.aborted) break;
        await this.process(record);
        batch.resolveOffset(record.offset);
        await batch.heartbeat();
      }
    } finally {
      // Commit what is done even when the batch stops early (stopping, rebalance), so little is re-read.
      await batch.commit().catch((err: unknown) => this.opts.logger.warn({ err: String(err) }, 'offset commit failed; the records will be read again'));
    }
  }

  private async process(record: IncomingRecord): Promise<void> {
    const { codec, topics, timeline, tracker, logger, onTransitions } = this.opts;
    const log = lazyChild(logger, () => ({ topic: record.topic, partition: record.partition, offset: record.offset }));
    const policy = this.opts.outageRetry ?? { maxAttempts: Infinity, minDelayMs: 500, maxDelayMs: 15_000 };
    try {
      await withRetry(
        async () => {
          const { entry, event } = await indexRecord(record, codec, topics);
          if (entry.error) log.warn({ key: entry.key, kind: entry.kind, error: entry.error }, 'undecodable record: indexed with its error and passed');
          await timeline.record(entry);
          if (event) onTransitions(await tracker.observe(event));
        },
        policy,
        { signal: this.abort.signal, onRetry: (e, n) => log.warn({ code: e.code, attempt: n }, 'registry or state store unavailable; retrying') },
      );
      this.indexed++;
    } catch (err) {
      if (this.abort.signal.aborted) throw err;
      // Not retriable (a statement the store refuses): retrying cannot help, and stopping the
      // partition would blind the monitor; log it loudly and go on.
      const e = err instanceof RetriesExhausted ? err.error : asBackboneError(err);
      log.error({ code: e.code, err: e.message }, 'record could not be indexed; skipped');
    }
  }
}
