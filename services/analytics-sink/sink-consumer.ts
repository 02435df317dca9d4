import type { DeadLetterPublisher } from '../platform/dlq/dead-letter-publisher.ts';
import { asBackboneError } from '../platform/errors/backbone-error.ts';
import type { ConsumerBatch, ConsumerPort, IncomingRecord } from '../platform/kafka/kafka-port.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { RetriesExhausted, withRetry, type RetryPolicy } from '../platform/retry/retry-policy.ts';
import { ConsumerMetrics } from '../platform/telemetry/consumer-metrics.ts';
import { partitionKey, type AnalyticsStore, type StoreRow } from './analytics-store.ts';
import { layoutOf, type TableLayout } from './table-layout.ts';
import type { WriterSchemaDecoder } from './writer-decoder.ts';
import { lazyChild } from '../platform/logging/lazy-child.ts';
import { FatalCrashWatch } from '../platform/kafka/fatal-crash-watch.ts';

/** Counters of one sink process, for logs, health and tests. */
export interface SinkStats {
  batches: number;
  /** Rows inserted into event tables. */
  rowsInserted: number;
  /** Records whose event id was already stored at another offset (a vendor retry published twice); not inserted again. */
  duplicateEventIds: number;
  /** Records delivered again below the stored offset (e.g. Kafka's committed offset lagged the store); skipped. */
  skippedAlreadyStored: number;
  /** Records sent to the dead-letter topic (undecodable, not a canonical event, or an incompatible column type). */
  deadLettered: number;
}

/** What a stored batch moved. */
export interface StoredBatch {
  topic: string;
  partition: number;
  nextOffset: bigint;
  records: number;
}

/** Settings of a SinkConsumer. */
export interface SinkConsumerOptions {
  consumer: ConsumerPort;
  topics: string[];
  decoder: WriterSchemaDecoder;
  store: AnalyticsStore;
  deadLetters: DeadLetterPublisher;
  logger: Logger;
  /** Policy for registry and dead-letter outages: retried until stopped, never turned into a skipped record. */
  outageRetry: RetryPolicy;
  /** Called after each batch committed to the store. */
  onStored?: (batch: StoredBatch) => void;
}

/**
 * Consumes the canonical topics into the store exactly once. The store's offsets are the
 * truth: on every partition assignment the consumer seeks each partition to its stored next
 * offset (or the beginning when none is stored), whatever Kafka's committed offset says. Each
 * batch becomes one store transaction holding its rows and the partition's next offset.
 * Kafka offsets are committed afterwards only so lag stays visible to Kafka tooling.
 */
export class SinkConsumer {
  private readonly metrics = new ConsumerMetrics('analytics-sink');
  readonly stats: SinkStats = { batches: 0, rowsInserted: 0, duplicateEventIds: 0, skippedAlreadyStored: 0, deadLettered: 0 };
  private offsets = new Map<string, bigint>();
  private readonly layouts = new Map<number, Promise<TableLayout>>();
  /** Partitions re-sought once because a batch started past the stored offset. */
  private readonly reSought = new Map<string, bigint>();
  private readonly abort = new AbortController();
  private running = false;

  private readonly crashes: FatalCrashWatch;

  constructor(private readonly opts: SinkConsumerOptions) {
    this.crashes = new FatalCrashWatch(opts.logger, 'analytics-sink');
  }

  /** Loads the stored offsets, joins the group and starts consuming. */
  async start(): Promise<void> {
    const { consumer, topics, store, logger } = this.opts;
    this.offsets = await store.offsets();
    consumer.onAssignment((assignment) => {
      for (const { topic, partitions } of assignment) {
        for (const partition of partitions) {
          const stored = this.offsets.get(partitionKey(topic, partition));
          // No stored offset: read from the start (an offset below the log start resets to the earliest record).
          consumer.seek(topic, partition, (stored ?? 0n).toString());
        }
      }
      logger.info({ assignment }, 'partitions assigned; resuming from the stored offsets');
    });
    await consumer.connect();
    this.crashes.watch(consumer, 'main');
    await consumer.subscribe(topics, true);
    // One partition at a time: the store has one writer connection and one transaction per batch.
    await consumer.run((batch) => this.onBatch(batch), { partitionsConcurrently: 1 });
    this.running = true;
    logger.info({ topics, storedPartitions: this.offsets.size }, 'analytics sink consuming');
  }

  /** Stops fetching; a batch in progress is either committed whole or not at all. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.opts.consumer.disconnect();
    this.running = false;
  }

  /** True between start() and stop(), unless the client gave up for good (readiness). */
  get isRunning(): boolean {
    return this.running && !this.crashes.failure;
  }

  /** The error that stopped the client for good, if one did (liveness fails then). */
  get failure(): Error | undefined {
    return this.crashes.failure;
  }

  /** Stored next offsets as this process knows them (it is the store's only writer). */
  storedOffsets(): ReadonlyMap<string, bigint> {
    return this.offsets;
  }

  private stopped(batch: ConsumerBatch): boolean {
    return batch.isStale() || this.abort.signal.aborted;
  }

  private async onBatch(batch: ConsumerBatch): Promise<void> {
    const key = partitionKey(batch.topic, batch.partition);
    const stored = this.offsets.get(key);
    const fresh = batch.records.filter((r) => stored === undefined || BigInt(r.offset) >= stored);
    this.stats.skippedAlreadyStored += batch.records.length - fresh.length;
    if (fresh.length === 0 || this.stopped(batch)) return;
    const first = BigInt(fresh[0]!.offset);
    if (stored !== undefined && first > stored) {
      if (this.reSought.get(key) !== stored) {
        // The fetch did not start where the store stopped: go back there once before accepting a gap.
        this.reSought.set(key, stored);
        this.opts.logger.warn({ topic: batch.topic, partition: batch.partition, stored: String(stored), fetched: String(first) }, 'batch starts past the stored offset; seeking back');
        this.opts.consumer.seek(batch.topic, batch.partition, stored.toString());
        return;
      }
      this.opts.logger.warn(
        { topic: batch.topic, partition: batch.partition, from: String(stored), to: String(first - 1n) },
        'records between the stored offset and the first available one are no longer in Kafka (retention); continuing',
      );
    }
    const rows: StoreRow[] = [];
    for (const record of fresh) {
      if (this.stopped(batch)) return;
      const row = await this.toRow(record);
      if (row) rows.push(row);
    }
    if (this.stopped(batch)) return;
    await batch.heartbeat();
    const last = fresh[fresh.length - 1]!;
    const nextOffset = BigInt(last.offset) + 1n;
    const { inserted, duplicates } = await this.opts.store.writeBatch(rows, { topic: batch.topic, partition: batch.partition, nextOffset });
    this.offsets.set(key, nextOffset);
    this.reSought.delete(key);
    this.stats.batches += 1;
    this.stats.rowsInserted += inserted;
    this.stats.duplicateEventIds += duplicates;
    for (const row of rows) {
      this.metrics.consumed(row.meta, 'performed', row.layout.eventType);
      this.metrics.age(row.layout.eventType, row.event);
    }
    if (duplicates > 0) this.opts.logger.info({ topic: batch.topic, partition: batch.partition, duplicates }, 'event ids already stored; kept the first');
    this.opts.onStored?.({ topic: batch.topic, partition: batch.partition, nextOffset, records: fresh.length });
    batch.resolveOffset(last.offset);
    await batch.commit().catch((err: unknown) => this.opts.logger.debug({ err: String(err) }, 'Kafka offset commit failed; the store keeps the truth'));
  }

  private layoutFor(schemaId: number, writer: Parameters<typeof layoutOf>[0]): Promise<TableLayout> {
    let l = this.layouts.get(schemaId);
    if (!l) {
      l = (async () => {
        const layout = layoutOf(writer);
        await this.opts.store.prepare(layout);
        return layout;
      })();
      this.layouts.set(schemaId, l);
      l.catch(() => this.layouts.delete(schemaId));
    }
    return l;
  }

  /** Decodes a record into a row, or dead-letters it (registry outages are waited out). */
  private async toRow(record: IncomingRecord): Promise<StoreRow | undefined> {
    const { decoder, outageRetry, logger } = this.opts;
    const log = lazyChild(logger, () => ({ topic: record.topic, partition: record.partition, offset: record.offset }));
    const signal = this.abort.signal;
    try {
      const decoded = await withRetry(() => decoder.decode(record.value), outageRetry, {
        signal,
        onRetry: (e, n) => log.warn({ code: e.code, attempt: n }, 'registry unavailable; retrying'),
      });
      const layout = await this.layoutFor(decoded.writerSchemaId, decoded.writerType);
      return { layout, event: decoded.event, meta: { topic: record.topic, partition: record.partition, offset: record.offset, schemaId: decoded.writerSchemaId } };
    } catch (err) {
      if (signal.aborted) throw err;
      const failure = err instanceof RetriesExhausted ? err : new RetriesExhausted(asBackboneError(err), 1);
      // Only definite answers about this record are dead-lettered; a store failure stops the batch.
      if (failure.error.code.startsWith('ANALYTICS_STORE')) throw failure.error;
      log.error({ code: failure.error.code, err: failure.error.message }, 'dead-lettering record');
      await withRetry(() => this.opts.deadLetters.publish(record, failure.error, failure.attempts), outageRetry, {
        signal,
        onRetry: (e, n) => log.warn({ code: e.code, attempt: n }, 'dead-letter write failed; retrying'),
      });
      this.stats.deadLettered += 1;
      this.metrics.consumed(record, 'dead_lettered');
      return undefined;
    }
  }
}
