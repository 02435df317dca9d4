import type { IncomingRecord, ProducerPort, RecordHeaders, RecordPosition } from '../kafka/kafka-port.ts';
import { murmur2Partition } from '../kafka/murmur2-partitioner.ts';
import { retries } from '../telemetry/metrics.ts';

/** Headers a record carries on the retry topic. */
export const retryHeaders = {
  consumer: 'retry-consumer',
  attempt: 'retry-attempt',
  notBefore: 'retry-not-before',
  reason: 'retry-reason',
  originalTopic: 'retry-original-topic',
  originalPartition: 'retry-original-partition',
  originalOffset: 'retry-original-offset',
  originalTimestamp: 'retry-original-timestamp',
} as const;

const retryHeaderNames = new Set<string>(Object.values(retryHeaders));

const text = (r: IncomingRecord, name: string): string | undefined => {
  const v = r.headers[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : one.toString();
};

/** What the retry topic says about one of its records. */
export interface RetryInfo {
  consumer: string;
  /** 0 for a record parked behind an earlier one of its key; n for its n-th delayed retry. */
  attempt: number;
  notBefore: number;
  /** The record as it was on its original topic (retry headers removed). */
  original: IncomingRecord;
}

/** Reads the retry headers of a record; undefined when it is not a retry record. */
export function retryInfoOf(r: IncomingRecord): RetryInfo | undefined {
  const consumer = text(r, retryHeaders.consumer);
  if (!consumer) return undefined;
  const headers = Object.fromEntries(Object.entries(r.headers).filter(([k]) => !retryHeaderNames.has(k)));
  return {
    consumer,
    attempt: Number(text(r, retryHeaders.attempt) ?? 0),
    notBefore: Number(text(r, retryHeaders.notBefore) ?? 0),
    original: {
      topic: text(r, retryHeaders.originalTopic) ?? r.topic,
      partition: Number(text(r, retryHeaders.originalPartition) ?? r.partition),
      offset: text(r, retryHeaders.originalOffset) ?? r.offset,
      timestamp: text(r, retryHeaders.originalTimestamp) ?? r.timestamp,
      key: r.key,
      value: r.value,
      headers,
    },
  };
}

/** Forwards records of one consumer to the delayed-retry topic, keyed as before so a key's records stay in order. */
export class RetryForwarder {
  constructor(
    private readonly deps: { producer: ProducerPort; topic: string; partitions: number; consumer: string },
  ) {}

  async forward(original: IncomingRecord, attempt: number, notBefore: number, reason: string): Promise<RecordPosition> {
    const headers: RecordHeaders = {
      ...original.headers,
      [retryHeaders.consumer]: this.deps.consumer,
      [retryHeaders.attempt]: String(attempt),
      [retryHeaders.notBefore]: String(notBefore),
      [retryHeaders.reason]: reason,
      [retryHeaders.originalTopic]: original.topic,
      [retryHeaders.originalPartition]: String(original.partition),
      [retryHeaders.originalOffset]: original.offset,
      [retryHeaders.originalTimestamp]: original.timestamp,
    };
    const partition = original.key ? murmur2Partition(original.key, this.deps.partitions) : original.partition % this.deps.partitions;
    const [pos] = await this.deps.producer.send(this.deps.topic, [{ key: original.key, value: original.value, headers, partition }]);
    retries.inc({ consumer: this.deps.consumer, kind: reason === 'PARKED_BEHIND' ? 'parked_behind' : 'retry_topic' });
    return pos!;
  }
}
