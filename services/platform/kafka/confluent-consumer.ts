import { KafkaUnavailableError } from '../errors/backbone-error.ts';
import type { Logger } from '../logging/logger.ts';
import { BackgroundCommitter } from './background-committer.ts';
import { consumerConfig, type ConfluentCommon } from './confluent-config.ts';
import { confluentLogger, reportsFatalError } from './confluent-logger.ts';
import type { CkConsumer, CkEachBatchPayload, CkKafka, CkRebalanceEvent, CkTopicPartition } from './confluent-module.ts';
import type { ConsumerBatch, ConsumerPort, IncomingRecord } from './kafka-port.ts';
import type { ConsumerFetchSettings } from './kafkajs-client.ts';

/** librdkafka's rebalance event codes. */
const assignPartitions = -175;
const revokePartitions = -174;

/** Settings of one consumer. */
export interface ConfluentConsumerOptions {
  groupId: string;
  sessionTimeoutMs: number;
  backgroundCommit: boolean;
  fetch: ConsumerFetchSettings;
  maxBatchSize: number;
}

const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * A ConsumerPort over the compat consumer of @confluentinc/kafka-javascript, with the
 * behaviour of kafkajs-client's: a group member with autoCommit off that commits resolved
 * offsets (offset + 1) explicitly per batch, or through a BackgroundCommitter.
 *
 * Where librdkafka differs:
 * - `heartbeat()` does nothing: librdkafka heartbeats from its own thread, whatever the batch
 *   does. What can evict a member is instead a batch held longer than max.poll.interval.ms
 *   (the compat layer configures 2 x 300 s); the batch is marked stale first.
 * - A batch handler that throws does not crash the consumer: the compat layer logs the error
 *   and fetches the partition again from the last resolved offset.
 * - `onFatalCrash`: the compat consumer has no crash event (`on()` throws "not implemented")
 *   and retries every error for ever, an authorization failure too. The one state it never
 *   leaves is a librdkafka fatal error (e.g. a fenced static member), which it reports only
 *   as a logged line: that line is what is listened for (see reportsFatalError).
 * - Batches hold at most `maxBatchSize` records (see defaultMaxBatchSize).
 */
export class ConfluentConsumerPort implements ConsumerPort {
  private consumer: CkConsumer | undefined;
  private fromBeginning = true;
  private stopping = false;
  private readonly assignmentListeners: Array<(assignment: Array<{ topic: string; partitions: number[] }>) => void> = [];
  private readonly fatalListeners: Array<(error: Error) => void> = [];
  private fatal: Error | undefined;
  /** Seeks made by an assignment listener, applied as the assignment's start offsets. */
  private assigningSeeks: Map<string, CkTopicPartition> | undefined;
  /** Partitions being revoked: their running batches are stale. */
  private readonly revoked = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly committer: BackgroundCommitter | undefined;

  constructor(
    private readonly kafka: CkKafka,
    private readonly common: ConfluentCommon,
    private readonly logger: Logger,
    private readonly opts: ConfluentConsumerOptions,
  ) {
    this.committer = opts.backgroundCommit
      ? new BackgroundCommitter(
          (offsets) => this.client().commitOffsets(offsets),
          (err, offsets) => this.logger.warn({ err: (err as Error)?.message, offsets }, 'background offset commit failed; the next commit supersedes it'),
        )
      : undefined;
  }

  private client(): CkConsumer {
    if (!this.consumer) throw new Error('the consumer is not connected: call connect() first');
    return this.consumer;
  }

  private async open(fromBeginning: boolean): Promise<void> {
    this.fromBeginning = fromBeginning;
    const log = confluentLogger(this.logger, (message) => {
      if (!this.fatal && reportsFatalError(message)) this.crash(new KafkaUnavailableError(`Kafka consumer stopped for good (librdkafka fatal error): ${message}`));
    });
    const consumer = this.kafka.consumer(
      consumerConfig(this.common, log, { ...this.opts, fromBeginning, rebalance: (err, assignment) => this.onRebalance(err, assignment) }),
    );
    this.consumer = consumer;
    await consumer.connect().catch((e: unknown) => {
      throw new KafkaUnavailableError(`Kafka consumer connect failed: ${e instanceof Error ? e.message : String(e)}`, e);
    });
  }

  private crash(error: Error): void {
    this.fatal = error;
    for (const l of this.fatalListeners) l(error);
  }

  /**
   * Called by the compat layer before it assigns or revokes. On assignment, the listeners run
   * first; seeks they make become the start offsets of the assignment, so the first fetch
   * already starts there (a compat seek would be applied after the assignment, racing it).
   */
  private async onRebalance(event: CkRebalanceEvent, assignment: CkTopicPartition[]): Promise<CkTopicPartition[] | undefined> {
    if (event.code === revokePartitions) {
      for (const tp of assignment) this.revoked.add(keyOf(tp.topic, tp.partition));
      return undefined;
    }
    if (event.code !== assignPartitions) return undefined;
    this.revoked.clear();
    // A stale offset committed for a partition that moved to another member would rewind it.
    const owned = new Set(assignment.map((tp) => keyOf(tp.topic, tp.partition)));
    this.committer?.retainOnly((topic, partition) => owned.has(keyOf(topic, partition)));
    const byTopic = new Map<string, number[]>();
    for (const tp of assignment) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
    const seeks = new Map<string, CkTopicPartition>();
    this.assigningSeeks = seeks;
    const given = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
    for (const l of this.assignmentListeners) {
      try {
        l(given);
      } catch (err) {
        this.logger.error({ err: (err as Error)?.message }, 'assignment listener failed');
      }
    }
    this.assigningSeeks = undefined;
    if (seeks.size === 0) return undefined;
    return assignment.map((tp) => seeks.get(keyOf(tp.topic, tp.partition)) ?? { topic: tp.topic, partition: tp.partition });
  }

  async connect(): Promise<void> {
    await this.open(true);
  }

  /**
   * librdkafka fixes auto.offset.reset (kafkajs's `fromBeginning`) when the client is created,
   * and connect() creates it reading from the beginning, as every consumer of the backbone
   * does; subscribing with `fromBeginning` false reconnects a client created the other way.
   */
  async subscribe(topics: string[], fromBeginning: boolean): Promise<void> {
    if (fromBeginning !== this.fromBeginning) {
      await this.client().disconnect();
      await this.open(fromBeginning);
    }
    await this.client().subscribe({ topics });
  }

  pause(topic: string, partitions: number[]): void {
    this.client().pause([{ topic, partitions }]);
  }

  resume(topic: string, partitions: number[]): void {
    this.client().resume([{ topic, partitions }]);
  }

  seek(topic: string, partition: number, offset: string): void {
    if (this.assigningSeeks) this.assigningSeeks.set(keyOf(topic, partition), { topic, partition, offset: Number(offset) });
    else this.client().seek({ topic, partition, offset });
  }

  onAssignment(listener: (assignment: Array<{ topic: string; partitions: number[] }>) => void): void {
    this.assignmentListeners.push(listener);
  }

  onFatalCrash(listener: (error: Error) => void): void {
    this.fatalListeners.push(listener);
    if (this.fatal) listener(this.fatal);
  }

  async run(eachBatch: (batch: ConsumerBatch) => Promise<void>, opts: { partitionsConcurrently: number }): Promise<void> {
    await this.client().run({
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: opts.partitionsConcurrently,
      eachBatch: (payload) => {
        const work = this.handle(payload, eachBatch);
        this.inFlight.add(work);
        return work.finally(() => this.inFlight.delete(work));
      },
    });
  }

  private async handle(payload: CkEachBatchPayload, eachBatch: (batch: ConsumerBatch) => Promise<void>): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    const consumer = this.client();
    const key = keyOf(topic, partition);
    let resolved: string | undefined;
    let committed: string | undefined;
    const b: ConsumerBatch = {
      topic,
      partition,
      records: messages.map(
        (m): IncomingRecord => ({ topic, partition, offset: m.offset, timestamp: m.timestamp, key: m.key ?? null, value: m.value, headers: m.headers ?? {} }),
      ),
      resolveOffset: (offset: string) => {
        payload.resolveOffset(offset);
        resolved = offset;
      },
      // autoCommit is off, so commit explicitly: the next offset to read after the last finished record.
      commit: async () => {
        if (resolved === undefined || resolved === committed) return;
        const next = (BigInt(resolved) + 1n).toString();
        if (this.committer) this.committer.offer({ topic, partition, offset: next });
        else await consumer.commitOffsets([{ topic, partition, offset: next }]);
        committed = resolved;
      },
      // librdkafka heartbeats from its own thread: nothing to do here.
      heartbeat: async () => undefined,
      isStale: () => this.stopping || this.revoked.has(key) || payload.isStale(),
    };
    await eachBatch(b);
  }

  /**
   * Stops: running batches turn stale and are awaited, so their last commits are offered
   * before the background commits are flushed; then the member leaves the group.
   */
  async disconnect(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
    await this.committer?.flush();
    await this.consumer?.disconnect();
  }
}
