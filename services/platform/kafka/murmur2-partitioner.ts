import { Partitioners } from 'kafkajs';

const javaCompatible = Partitioners.DefaultPartitioner();

/**
 * The partition Kafka's Java producer picks for a key: toPositive(murmur2(keyBytes)) % count
 * (BuiltInPartitioner.partitionForKey). Delegates to kafkajs's DefaultPartitioner, which
 * implements exactly that, so Java and TypeScript producers put a shipment on the same partition.
 */
export function murmur2Partition(key: Buffer | string, partitionCount: number): number {
  if (!Number.isInteger(partitionCount) || partitionCount < 1) throw new RangeError(`partition count must be >= 1, got ${partitionCount}`);
  const partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({ partitionId, leader: 0 }));
  return javaCompatible({ topic: '', partitionMetadata: partitionMetadata as never, message: { key, value: null } });
}
