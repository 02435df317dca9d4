import type { AdminPort } from '../kafka/kafka-port.ts';
import { murmur2Partition } from '../kafka/murmur2-partitioner.ts';
import { BadArgumentError } from './replay-errors.ts';
import { parseTime } from './rewind-target.ts';
import { choosePartitions, requireRetained, requireTopic } from './topic-checks.ts';
import type { PartitionRange } from './topic-range-reader.ts';

/** One end of a replay window: a time (ISO) or an offset (the same on every chosen partition). */
export type WindowBound = { time: Date } | { offset: bigint };

/** Parses `--from`/`--to`: a whole number is an offset, anything else must be an ISO time. */
export function parseBound(text: string, argument: string): WindowBound {
  if (/^\d+$/.test(text)) return { offset: BigInt(text) };
  return { time: parseTime(text, argument) };
}

/** A bound as text (for stored specs and output). */
export function boundText(b: WindowBound | undefined): string | undefined {
  if (!b) return undefined;
  return 'time' in b ? b.time.toISOString() : `offset ${b.offset}`;
}

/**
 * Resolves a window [from, to] (both inclusive) to offset ranges [start, end) per partition.
 * Times resolve with Kafka's offsetsForTimes (from: first record at/after it; to: first record
 * after it). Without `from` the window starts at the log start, without `to` at today's end.
 * With shipment ids, only the partitions those keys hash to are read.
 */
export async function resolveWindow(
  admin: AdminPort,
  req: { topic: string; from?: WindowBound; to?: WindowBound; partitions?: number[]; shipments?: string[]; now?: number },
): Promise<PartitionRange[]> {
  await requireTopic(admin, req.topic);
  const [starts, ends] = await Promise.all([admin.startOffsets(req.topic), admin.endOffsets(req.topic)]);
  let partitions = choosePartitions([...ends.keys()], req.partitions, req.topic);
  if (req.shipments && req.shipments.length > 0) {
    const keyed = new Set(req.shipments.map((s) => murmur2Partition(s, ends.size)));
    partitions = partitions.filter((p) => keyed.has(p));
  }
  if (req.from && req.to && 'time' in req.from && 'time' in req.to && req.from.time > req.to.time) {
    throw new BadArgumentError('--from', `${req.from.time.toISOString()} is after --to ${req.to.time.toISOString()}`);
  }
  if (req.from && 'time' in req.from) await requireRetained(admin, req.topic, req.from.time, '--from', req.now);
  const fromByTime = req.from && 'time' in req.from ? await admin.offsetsForTimestamp(req.topic, req.from.time.getTime()) : undefined;
  const toByTime = req.to && 'time' in req.to ? await admin.offsetsForTimestamp(req.topic, req.to.time.getTime() + 1) : undefined;
  return partitions.map((partition) => {
    const low = BigInt(starts.get(partition) ?? '0');
    const high = BigInt(ends.get(partition) ?? '0');
    const clamp = (o: bigint) => (o < low ? low : o > high ? high : o);
    const start = req.from ? clamp('offset' in req.from ? req.from.offset : BigInt(fromByTime!.get(partition) ?? high.toString())) : low;
    const end = req.to ? clamp('offset' in req.to ? req.to.offset + 1n : BigInt(toByTime!.get(partition) ?? high.toString())) : high;
    return { partition, start: start.toString(), end: (end < start ? start : end).toString() };
  });
}
