import { consumerLag, type PartitionLag } from '../platform/kafka/consumer-lag.ts';
import type { AdminPort } from '../platform/kafka/kafka-port.ts';

/**
 * Lag of each configured consumer group on the lifecycle topic, and of its "<group>.retry"
 * group on the retry topic. Groups the cluster does not know (never started, or a consumer
 * without a retry stage such as the analytics sink) are left out rather than reported as
 * "behind by everything".
 */
export async function groupsLag(admin: AdminPort, groups: string[], topics: { lifecycle: string; retry: string }): Promise<PartitionLag[]> {
  const known = new Set(await admin.listGroups());
  const out: PartitionLag[] = [];
  for (const group of groups) {
    if (known.has(group)) out.push(...(await consumerLag(admin, [group], topics.lifecycle)));
    if (known.has(`${group}.retry`)) out.push(...(await consumerLag(admin, [`${group}.retry`], topics.retry)));
  }
  return out;
}
