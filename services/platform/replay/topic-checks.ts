import type { AdminPort } from '../kafka/kafka-port.ts';
import { BadArgumentError, OutsideRetentionError, UnknownGroupError, UnknownTopicError } from './replay-errors.ts';

/** Fails with UnknownTopicError unless the topic exists. */
export async function requireTopic(admin: AdminPort, topic: string): Promise<void> {
  if (!(await admin.listTopics()).includes(topic)) throw new UnknownTopicError(topic);
}

/** Fails with UnknownGroupError unless the cluster knows the group. */
export async function requireGroup(admin: AdminPort, groupId: string): Promise<void> {
  if (!(await admin.listGroups()).includes(groupId)) throw new UnknownGroupError(groupId);
}

/** The requested partitions (all when none given), refusing ones the topic does not have. */
export function choosePartitions(all: number[], wanted: number[] | undefined, topic: string): number[] {
  if (!wanted || wanted.length === 0) return [...all].sort((a, b) => a - b);
  const missing = wanted.filter((p) => !all.includes(p));
  if (missing.length > 0) throw new BadArgumentError('--partitions', `topic ${topic} has partitions 0..${all.length - 1}, not ${missing.join(', ')}`);
  return [...new Set(wanted)].sort((a, b) => a - b);
}

/**
 * Refuses a time in the future or older than the topic's retention (its records from then are
 * gone), naming the limit. `argument` names the option the time came from.
 */
export async function requireRetained(admin: AdminPort, topic: string, at: Date, argument: string, now = Date.now()): Promise<void> {
  if (at.getTime() > now) throw new OutsideRetentionError(`${argument} ${at.toISOString()} is in the future`, { topic, at: at.toISOString() });
  const { 'retention.ms': retention } = await admin.topicConfigs(topic, ['retention.ms']);
  const ms = Number(retention ?? -1);
  if (ms >= 0 && at.getTime() < now - ms) {
    const oldest = new Date(now - ms).toISOString();
    throw new OutsideRetentionError(`${argument} ${at.toISOString()} is outside the retention of ${topic} (retention.ms=${ms}: nothing older than ${oldest} is kept)`, {
      topic,
      at: at.toISOString(),
      retentionMs: ms,
    });
  }
}
