import { KafkaUnavailableError } from '../errors/backbone-error.ts';
import type { OutgoingRecord, RecordPosition } from './kafka-port.ts';

/**
 * Each record's position from the base offset a client reports per partition for one produce
 * call: the records of one partition are written in order, back to back, from that offset.
 * A partition without a base offset was not acknowledged: that fails (retriably), never guesses.
 */
export function positionsFromBaseOffsets(topic: string, records: OutgoingRecord[], bases: Array<{ partition: number; baseOffset?: string }>): RecordPosition[] {
  const next = new Map(bases.filter((m) => m.baseOffset !== undefined).map((m) => [m.partition, BigInt(m.baseOffset!)]));
  return records.map((r) => {
    const off = next.get(r.partition);
    if (off === undefined) throw new KafkaUnavailableError(`Kafka answered the write to ${topic} without partition ${r.partition}; its records are not acknowledged`);
    next.set(r.partition, off + 1n);
    return { topic, partition: r.partition, offset: off.toString() };
  });
}

/** A client library's failure as a retriable KafkaUnavailableError naming what failed. */
export function kafkaUnavailable(what: string, err: unknown): KafkaUnavailableError {
  const message = err instanceof Error ? err.message : String(err);
  return new KafkaUnavailableError(`Kafka ${what} failed: ${message}`, err);
}

/** Rethrows a client library's failure as a retriable KafkaUnavailableError naming what failed. */
export function wrapKafkaError(what: string, err: unknown): never {
  throw kafkaUnavailable(what, err);
}
