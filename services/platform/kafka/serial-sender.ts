import { KafkaUnavailableError, asBackboneError, type BackboneError } from '../errors/backbone-error.ts';
import { RetriesExhausted, withRetry, type RetryPolicy } from '../retry/retry-policy.ts';
import type { OutgoingRecord, RecordPosition } from './kafka-port.ts';
import { positionsFromBaseOffsets } from './record-positions.ts';

/** Records of one topic in one produce call. */
export interface TopicRecords {
  topic: string;
  records: OutgoingRecord[];
}

/** What one produce call reports per topic-partition: where its records of that partition start. */
export type BaseOffsets = Array<{ topicName: string; partition: number; baseOffset?: string }>;

/** Options of a SerialSender; every field has a default. */
export interface SerialSenderOptions {
  /** A merged call takes queued sends until it holds at least this many records (default 1,000). */
  maxRecords: number;
  /**
   * Records that may wait, queued or under way, before a new send is refused at once with a
   * retriable KafkaUnavailableError, written nowhere (default 50,000, about 25 MB of ~500-byte
   * events). This is the back-pressure of a long outage: callers see 503s, memory stays bounded.
   */
  maxQueuedRecords: number;
  /** Backoff between attempts of a call that failed retriably; attempts never run out (default 300 ms doubling to 5 s). */
  retry: Pick<RetryPolicy, 'minDelayMs' | 'maxDelayMs'>;
  /** Told of each retried failure (for a log line). */
  onRetry?: (error: BackboneError, attempt: number, records: number) => void;
}

const defaults: SerialSenderOptions = { maxRecords: 1000, maxQueuedRecords: 50_000, retry: { minDelayMs: 300, maxDelayMs: 5000 } };

interface Pending extends TopicRecords {
  resolve(positions: RecordPosition[]): void;
  reject(err: unknown): void;
}

/**
 * Lets one idempotent producer have a single produce call under way at a time, merging the
 * sends that queue meanwhile into the next call (in arrival order, so each shipment's records
 * keep their order), and hands each caller its records' positions. A call that fails
 * retriably (a `retriable` BackboneError from `sendBatch`) is sent again, the same records in
 * the same order, until it succeeds, fails for good, or the sender is closed.
 *
 * Why: kafkajs numbers an idempotent producer's records per partition when a request goes
 * out, and takes the numbers back when it fails. While a partition's leader moves, a request
 * to the dead leader can fail after another call already sent later numbers to the new leader;
 * the numbers taken back are then given out again, and the broker takes the next request for
 * a duplicate and acknowledges it without writing it: an acknowledged event lost (the fault
 * test that SIGKILLs a broker caught one). With one call at a time, numbers taken back are
 * reused only by the same records' next attempt, which the broker then writes once.
 *
 * Retrying here rather than failing matters for the same reason: kafkajs gives a call up when
 * its reconnects run out (about 15 s of outage), though the request may have been written. A
 * caller that then sent the records again under new numbers would write them twice; the same
 * call's next attempt reuses the numbers and is deduplicated by the broker. If kafkajs wrote
 * some partitions of a call to one broker and gave up on another, the next attempt writes the
 * first ones again (a duplicate carrying the same event ids, never a loss).
 */
export class SerialSender {
  private readonly queue: Pending[] = [];
  private readonly opts: SerialSenderOptions;
  private readonly closing = new AbortController();
  private running = false;
  private waiting = 0;

  /** @param sendBatch one produce call for records of several topics; resolves once all are acknowledged, rejects with a BackboneError */
  constructor(
    private readonly sendBatch: (batch: TopicRecords[]) => Promise<BaseOffsets>,
    opts: Partial<SerialSenderOptions> = {},
  ) {
    this.opts = { ...defaults, ...opts };
  }

  /** Queues `records` for `topic`; resolves with their positions once Kafka acknowledged them. */
  send(topic: string, records: OutgoingRecord[]): Promise<RecordPosition[]> {
    if (this.closing.signal.aborted) return Promise.reject(new KafkaUnavailableError(`producer is closed; nothing was written to ${topic}`));
    if (this.waiting > 0 && this.waiting + records.length > this.opts.maxQueuedRecords) {
      return Promise.reject(new KafkaUnavailableError(`${this.waiting} records are already waiting for Kafka; nothing was written to ${topic}`));
    }
    this.waiting += records.length;
    return new Promise((resolve, reject) => {
      this.queue.push({ topic, records, resolve, reject });
      void this.drain();
    });
  }

  /** Refuses new sends and fails the waiting ones; a call under way is not retried again. */
  close(): void {
    this.closing.abort(new KafkaUnavailableError('producer closed before Kafka acknowledged the write'));
    for (const c of this.queue.splice(0)) c.reject(this.closing.signal.reason);
  }

  private take(): Pending[] {
    let n = 0;
    let k = 0;
    while (k < this.queue.length && (k === 0 || n < this.opts.maxRecords)) n += this.queue[k++]!.records.length;
    return this.queue.splice(0, k);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        await this.sendCalls(this.take());
      }
    } finally {
      this.running = false;
    }
  }

  private async sendCalls(calls: Pending[]): Promise<void> {
    const count = calls.reduce((n, c) => n + c.records.length, 0);
    // A lone send goes as it is; merged ones are concatenated per topic, in arrival order.
    const byTopic = new Map<string, OutgoingRecord[][]>();
    for (const c of calls) {
      const parts = byTopic.get(c.topic);
      if (parts) parts.push(c.records);
      else byTopic.set(c.topic, [c.records]);
    }
    const batch = [...byTopic].map(([topic, parts]) => ({ topic, records: parts.length === 1 ? parts[0]! : parts.flat() }));
    const outcome = await this.sendAll(batch, count).then(
      (bases) => ({ bases }),
      (err: unknown) => ({ err: err instanceof RetriesExhausted ? err.error : asBackboneError(err) }),
    );
    // Counted off before any caller hears back, so a caller that sends again is not refused.
    this.waiting -= count;
    if ('err' in outcome) {
      for (const c of calls) c.reject(outcome.err);
      return;
    }
    const { bases } = outcome;
    // Each topic's merged records, in the order they were sent, then cut back per caller.
    const positions = new Map(batch.map(({ topic, records }) => [topic, positionsFromBaseOffsets(topic, records, bases.filter((b) => b.topicName === topic))]));
    const used = new Map<string, number>();
    for (const c of calls) {
      const from = used.get(c.topic) ?? 0;
      used.set(c.topic, from + c.records.length);
      c.resolve(positions.get(c.topic)!.slice(from, from + c.records.length));
    }
  }

  /**
   * Sends `batch` (again after each retriable failure), then, in further calls, the records of
   * every partition the answer had no base offset for, until every partition has one. kafkajs
   * 2.2.4 can resolve a call without writing a partition: when a request to one broker fails
   * and the partition's new leader is a broker that already answered within the same call,
   * its retry finds no broker left to ask (producer/sendMessages.js). The partition's sequence
   * numbers were taken back with the failed request, so the next call writes its records once.
   */
  private async sendAll(batch: TopicRecords[], count: number): Promise<BaseOffsets> {
    const bases: BaseOffsets = [];
    let rest = batch;
    for (let round = 1; ; round++) {
      const sent = rest;
      const got = await withRetry(() => this.sendBatch(sent), { maxAttempts: Infinity, ...this.opts.retry }, {
        signal: this.closing.signal,
        onRetry: (error, attempt) => this.opts.onRetry?.(error, attempt, count),
      });
      bases.push(...got);
      rest = unanswered(sent, got);
      if (rest.length === 0) return bases;
      if (this.closing.signal.aborted) throw this.closing.signal.reason;
      const missing = rest.map((t) => `${t.topic}[${[...new Set(t.records.map((r) => r.partition))].join(',')}]`).join(' ');
      this.opts.onRetry?.(new KafkaUnavailableError(`Kafka answered a produce call without these partitions: ${missing}`), round, count);
    }
  }
}

/** The records of `sent` whose topic-partition has no base offset in `got`. */
function unanswered(sent: TopicRecords[], got: BaseOffsets): TopicRecords[] {
  const answered = new Set(got.filter((b) => b.baseOffset !== undefined).map((b) => `${b.partition}\u0000${b.topicName}`));
  return sent
    .map(({ topic, records }) => ({ topic, records: records.filter((r) => !answered.has(`${r.partition}\u0000${topic}`)) }))
    .filter((t) => t.records.length > 0);
}
