import { KafkaUnavailableError } from '../errors/backbone-error.ts';
import type { OutgoingRecord, RecordPosition } from './kafka-port.ts';

/**
 * Each record's position from the base offset a client reports per partition for one produce
 * call: the records of one partition are written in order, back to back, from that offset.
 */
export function positionsFromBaseOffsets(topic: string, records: OutgoingRecord[], bases: Array<{ partition: number; baseOffset?: string }>): RecordPosition[] {
  const next = new Map(bases.map((m) => [m.partition, BigInt(m.baseOffset ?? '0')]));
  return records.map((r) => {
    const off = next.get(r.partition) ?? 0n;
    next.set(r.partition, off + 1n);
    return { topic, partition: r.partition, offset: off.toString() };
  });
}

/** Rethrows a client library's failure as a retriable KafkaUnavailableError naming what failed. */
export function wrapKafkaError(what: string, err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  throw new KafkaUnavailableError(`Kafka ${what} failed: ${message}`, err);
}
