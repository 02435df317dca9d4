import type { AvroEventCodec } from '../codec/avro-codec.ts';
import type { AdminPort, KafkaClientFactory } from '../kafka/kafka-port.ts';
import type { AuditLog } from './audit-log.ts';
import { GroupActiveError } from './replay-errors.ts';
import { describeTarget, type RewindTarget } from './rewind-target.ts';
import { choosePartitions, requireGroup, requireRetained, requireTopic } from './topic-checks.ts';
import { readRanges } from './topic-range-reader.ts';

/** One partition of a rewind plan. */
export interface RewindPartition {
  partition: number;
  /** The group's committed offset, or null when it committed none. */
  current: string | null;
  target: string;
  /** True when the requested offset lay outside [log start, end] and was moved to the nearest end. */
  clamped: boolean;
  /** Records between current and target: re-read when moving back, skipped when moving forward. */
  records: number;
  direction: 'back' | 'forward' | 'none';
  /** Event types of those records (undecodable ones as "(undecodable)"). */
  eventTypes: Record<string, number>;
}

/** What a rewind would do (dry run) or did (executed). */
export interface RewindPlan {
  groupId: string;
  topic: string;
  target: string;
  /** The time a datetime/duration target resolved to. */
  targetTime?: string;
  groupState: string;
  activeMembers: number;
  partitions: RewindPartition[];
  /** True when more records lay between than were scanned for event types. */
  eventTypesTruncated: boolean;
}

/** What planning needs. */
export interface RewindDeps {
  admin: AdminPort;
  kafka: KafkaClientFactory;
  codec: AvroEventCodec;
}

/**
 * Plans moving a group's committed offsets on one topic, like kafka-consumer-groups
 * --reset-offsets --dry-run: per partition the current and target offset and how many
 * records, of which event types, lie between. Timestamp targets are Kafka's offsetsForTimes.
 */
export async function planRewind(
  deps: RewindDeps,
  req: { groupId: string; topic: string; target: RewindTarget; partitions?: number[]; now?: number; scanLimit?: number },
): Promise<RewindPlan> {
  const { admin } = deps;
  const now = req.now ?? Date.now();
  await requireTopic(admin, req.topic);
  await requireGroup(admin, req.groupId);
  const [starts, ends, committed, group] = await Promise.all([admin.startOffsets(req.topic), admin.endOffsets(req.topic), admin.groupOffsets(req.groupId, req.topic), admin.describeGroup(req.groupId)]);
  const partitions = choosePartitions([...ends.keys()], req.partitions, req.topic);
  const t = req.target;
  let byTime: Map<number, string> | undefined;
  let targetTime: Date | undefined;
  if (t.kind === 'datetime' || t.kind === 'duration') {
    targetTime = t.kind === 'datetime' ? t.at : new Date(now - t.ms);
    await requireRetained(admin, req.topic, targetTime, t.kind === 'datetime' ? '--to-datetime' : '--by-duration', now);
    byTime = await admin.offsetsForTimestamp(req.topic, targetTime.getTime());
  }
  const plan: RewindPartition[] = partitions.map((partition) => {
    const low = BigInt(starts.get(partition) ?? '0');
    const high = BigInt(ends.get(partition) ?? '0');
    const c = committed.get(partition);
    const current = c === undefined || c === '-1' ? null : c;
    const from = current === null ? low : BigInt(current);
    let wanted: bigint;
    if (t.kind === 'offset') wanted = t.offset;
    else if (t.kind === 'shift') wanted = from + t.by;
    else if (t.kind === 'earliest') wanted = low;
    else if (t.kind === 'latest') wanted = high;
    else wanted = BigInt(byTime!.get(partition) ?? high.toString());
    const target = wanted < low ? low : wanted > high ? high : wanted;
    const direction = target < from ? 'back' : target > from ? 'forward' : 'none';
    const records = Number(target < from ? from - target : target - from);
    return { partition, current, target: target.toString(), clamped: target !== wanted, records, direction, eventTypes: {} };
  });
  const truncated = await countEventTypes(deps, req.topic, plan, starts, req.scanLimit ?? 50_000);
  return { groupId: req.groupId, topic: req.topic, target: describeTarget(t), targetTime: targetTime?.toISOString(), groupState: group.state, activeMembers: group.members.length, partitions: plan, eventTypesTruncated: truncated };
}

async function countEventTypes(deps: RewindDeps, topic: string, plan: RewindPartition[], starts: Map<number, string>, limit: number): Promise<boolean> {
  let budget = limit;
  let truncated = false;
  const ranges = plan.flatMap((p) => {
    const a = BigInt(p.current ?? starts.get(p.partition) ?? '0');
    const b = BigInt(p.target);
    const [start, end] = a < b ? [a, b] : [b, a];
    const take = end - start > BigInt(budget) ? BigInt(budget) : end - start;
    if (take < end - start) truncated = true;
    budget -= Number(take);
    return take > 0n ? [{ partition: p.partition, start: start.toString(), end: (start + take).toString() }] : [];
  });
  const byPartition = new Map(plan.map((p) => [p.partition, p]));
  await readRanges(deps.kafka, topic, ranges, async (r) => {
    let type: string;
    try {
      type = (await deps.codec.peek(r.value)).eventType;
    } catch {
      type = '(undecodable)';
    }
    const types = byPartition.get(r.partition)!.eventTypes;
    types[type] = (types[type] ?? 0) + 1;
  }, { label: 'rewind-scan' });
  return truncated;
}

/**
 * Applies a plan: refuses while the group has active members (their positions would
 * overwrite the new offsets), then commits the targets. Recorded in the audit log.
 */
export async function executeRewind(deps: RewindDeps & { audit?: AuditLog }, plan: RewindPlan, actor: string): Promise<RewindPlan> {
  const what = { groupId: plan.groupId, topic: plan.topic, target: plan.target, targetTime: plan.targetTime };
  const counts = { partitions: plan.partitions.length, records: plan.partitions.reduce((n, p) => n + p.records, 0) };
  const group = await deps.admin.describeGroup(plan.groupId);
  if (group.members.length > 0) {
    const err = new GroupActiveError(plan.groupId, group.members);
    await deps.audit?.record({ action: 'rewind', actor, what, counts, outcome: 'refused', error: `${err.code}: ${err.message}` });
    throw err;
  }
  try {
    await deps.admin.setGroupOffsets(plan.groupId, plan.topic, plan.partitions.map((p) => ({ partition: p.partition, offset: p.target })));
  } catch (err) {
    await deps.audit?.record({ action: 'rewind', actor, what, counts, outcome: 'failed', error: (err as Error).message });
    throw err;
  }
  await deps.audit?.record({ action: 'rewind', actor, what, counts, outcome: 'executed' });
  return { ...plan, groupState: group.state, activeMembers: 0 };
}
