import type { AdminPort } from './kafka-port.ts';

/** How far one consumer group is behind on one partition. */
export interface PartitionLag {
  groupId: string;
  topic: string;
  partition: number;
  /** Next offset the group will read (its committed offset), or the log start when it committed none. */
  committed: string;
  /** Next offset to be written. */
  end: string;
  /** Records written but not yet processed by the group. */
  lag: number;
}

/** Lag of each group on each partition of a topic, computed from committed and end offsets. */
export async function consumerLag(admin: AdminPort, groups: string[], topic: string): Promise<PartitionLag[]> {
  const [ends, starts] = await Promise.all([admin.endOffsets(topic), admin.startOffsets(topic)]);
  const out: PartitionLag[] = [];
  for (const groupId of groups) out.push(...partitionLags(groupId, topic, ends, starts, await admin.groupOffsets(groupId, topic)));
  return out;
}

/**
 * One group's lag per partition from offsets already fetched: a partition the group never
 * committed counts from the log start.
 */
export function partitionLags(
  groupId: string,
  topic: string,
  ends: Map<number, string>,
  starts: Map<number, string>,
  committed: Map<number, string>,
): PartitionLag[] {
  return [...ends]
    .sort(([a], [b]) => a - b)
    .map(([partition, end]) => {
      const c = committed.get(partition);
      const from = c === undefined || c === '-1' ? (starts.get(partition) ?? '0') : c;
      return { groupId, topic, partition, committed: from, end, lag: Math.max(0, Number(BigInt(end) - BigInt(from))) };
    });
}
