import { randomUUID } from 'node:crypto';
import type { AdminPort, IncomingRecord, KafkaClientFactory } from '../kafka/kafka-port.ts';

/** Offsets [start, end) of one partition. */
export interface PartitionRange {
  partition: number;
  start: string;
  end: string;
}

/** Called per record in offset order per partition; `heartbeat` keeps the reader's group membership alive during long work. */
export type RecordVisitor = (record: IncomingRecord, heartbeat: () => Promise<void>) => Promise<void>;

/**
 * Reads exactly the given offset ranges of a topic, each partition in offset order, through
 * a throwaway consumer group that commits nothing (so no live group is touched), then leaves.
 * A visitor that throws stops the read and the error is rethrown; so does an aborted signal.
 */
export async function readRanges(kafka: KafkaClientFactory, topic: string, ranges: PartitionRange[], visit: RecordVisitor, opts: { signal?: AbortSignal; label?: string } = {}): Promise<void> {
  const pending = new Map(ranges.filter((r) => BigInt(r.end) > BigInt(r.start)).map((r) => [r.partition, r]));
  if (pending.size === 0) return;
  const consumer = kafka.consumer({ groupId: `leb-${opts.label ?? 'reader'}-${randomUUID()}`, sessionTimeoutMs: 30_000 });
  await consumer.connect();
  let finish!: (err?: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = (err) => (err === undefined ? resolve() : reject(err));
  });
  let finished = false;
  const end = (err?: unknown) => {
    if (finished) return;
    finished = true;
    finish(err);
  };
  const onAbort = () => end(opts.signal?.reason ?? new Error('read aborted'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await consumer.subscribe([topic], true);
    consumer.onAssignment((assignment) => {
      for (const a of assignment) for (const p of a.partitions) {
        const r = pending.get(p);
        if (r) consumer.seek(topic, p, r.start);
        else consumer.pause(topic, [p]);
      }
    });
    await consumer.run(
      async (batch) => {
        if (finished) return;
        try {
          for (const record of batch.records) {
            const range = pending.get(record.partition);
            if (!range || finished || opts.signal?.aborted) break;
            const offset = BigInt(record.offset);
            if (offset < BigInt(range.start)) continue;
            if (offset >= BigInt(range.end)) {
              pending.delete(record.partition);
              break;
            }
            await visit(record, batch.heartbeat);
            if (offset + 1n >= BigInt(range.end)) pending.delete(record.partition);
          }
          if (!pending.has(batch.partition)) consumer.pause(topic, [batch.partition]);
          if (pending.size === 0) end();
        } catch (err) {
          // Never hand the error to the client library: it would restart and re-read the batch.
          end(err);
        }
      },
      { partitionsConcurrently: 1 },
    );
    await done;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await consumer.disconnect().catch(() => undefined);
  }
}

/** Every record of the given ranges, in offset order per partition. */
export async function collectRanges(kafka: KafkaClientFactory, topic: string, ranges: PartitionRange[]): Promise<IncomingRecord[]> {
  const out: IncomingRecord[] = [];
  await readRanges(kafka, topic, ranges, async (r) => void out.push(r));
  return out;
}

/** The whole retained content of each partition, as ranges [log start, end). */
export async function wholeTopic(admin: AdminPort, topic: string): Promise<PartitionRange[]> {
  const [starts, ends] = await Promise.all([admin.startOffsets(topic), admin.endOffsets(topic)]);
  return [...ends].sort(([a], [b]) => a - b).map(([partition, end]) => ({ partition, start: starts.get(partition) ?? '0', end }));
}
