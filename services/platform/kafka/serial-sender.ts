import type { OutgoingRecord, RecordPosition } from './kafka-port.ts';
import { positionsFromBaseOffsets } from './record-positions.ts';

/** Records of one topic in one produce call. */
export interface TopicRecords {
  topic: string;
  records: OutgoingRecord[];
}

/** What one produce call reports per topic-partition: where its records of that partition start. */
export type BaseOffsets = Array<{ topicName: string; partition: number; baseOffset?: string }>;

interface Pending extends TopicRecords {
  resolve(positions: RecordPosition[]): void;
  reject(err: unknown): void;
}

/**
 * Lets one idempotent producer have a single produce call under way at a time, merging the
 * sends that queue meanwhile into the next call (in arrival order, so each shipment's records
 * keep their order), and hands each caller its records' positions.
 *
 * Why: kafkajs numbers an idempotent producer's records per partition when a request goes
 * out, and takes the numbers back when it fails. While a partition's leader moves, a request
 * to the dead leader can fail after another call already sent later numbers to the new leader;
 * the numbers taken back are then given out again, the broker takes the next request for a
 * duplicate and acknowledges it without writing it. The fault test that SIGKILLs a broker
 * caught an acknowledged event missing from Kafka this way. With one call at a time a failed
 * request's numbers are reused only by its own retry.
 */
export class SerialSender {
  private readonly queue: Pending[] = [];
  private running = false;

  /**
   * @param sendBatch one produce call for records of several topics; resolves once all are acknowledged
   * @param maxRecords a merged call takes queued sends until it holds at least this many records
   */
  constructor(
    private readonly sendBatch: (batch: TopicRecords[]) => Promise<BaseOffsets>,
    private readonly maxRecords = 1000,
  ) {}

  /** Queues `records` for `topic`; resolves with their positions once Kafka acknowledged them. */
  send(topic: string, records: OutgoingRecord[]): Promise<RecordPosition[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ topic, records, resolve, reject });
      void this.drain();
    });
  }

  private take(): Pending[] {
    let n = 0;
    let k = 0;
    while (k < this.queue.length && (k === 0 || n < this.maxRecords)) n += this.queue[k++]!.records.length;
    return this.queue.splice(0, k);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const calls = this.take();
        const byTopic = new Map<string, OutgoingRecord[]>();
        for (const c of calls) {
          const list = byTopic.get(c.topic);
          if (list) list.push(...c.records);
          else byTopic.set(c.topic, [...c.records]);
        }
        let bases: BaseOffsets;
        try {
          bases = await this.sendBatch([...byTopic].map(([topic, records]) => ({ topic, records })));
        } catch (err) {
          for (const c of calls) c.reject(err);
          continue;
        }
        // Each topic's merged records, in the order they were sent, then cut back per caller.
        const positions = new Map([...byTopic].map(([topic, records]) => [topic, positionsFromBaseOffsets(topic, records, bases.filter((b) => b.topicName === topic))]));
        const used = new Map<string, number>();
        for (const c of calls) {
          const from = used.get(c.topic) ?? 0;
          used.set(c.topic, from + c.records.length);
          c.resolve(positions.get(c.topic)!.slice(from, from + c.records.length));
        }
      }
    } finally {
      this.running = false;
    }
  }
}
