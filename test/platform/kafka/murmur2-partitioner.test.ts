import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { murmur2Partition } from '../../../services/platform/kafka/murmur2-partitioner.ts';
import { stackConfigFromEnv, stackPaths } from '../../../scripts/stack/stack-config.ts';

const javaSource = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'support', 'java', 'PartitionForKey.java');

/** Partitions Kafka's own Java client computes for `keys`. */
function javaPartitions(keys: string[], partitions: number): number[] {
  const libs = stackPaths(stackConfigFromEnv()).kafkaLibs;
  const res = spawnSync('java', ['-cp', `${libs}/*`, javaSource, String(partitions)], { input: keys.join('\n') + '\n', encoding: 'utf8' });
  assert.equal(res.status, 0, `java failed: ${res.stderr}`);
  return res.stdout.trim().split('\n').map(Number);
}

describe('murmur2Partition', () => {
  const keys = [
    ...Array.from({ length: 300 }, () => `SHP-${randomUUID()}`),
    'SHP-2026-000481',
    'order:SO-100234',
    '',
    'Lieferung-Ü-ß-東京', // non-ASCII: UTF-8 bytes, as Java's StringSerializer writes them
    'x'.repeat(1000),
  ];

  for (const partitions of [1, 3, 6, 7, 12, 48]) {
    it(`matches Kafka's Java client for ${partitions} partitions`, () => {
      const java = javaPartitions(keys, partitions);
      const ts = keys.map((k) => murmur2Partition(k, partitions));
      assert.equal(ts.length, java.length);
      assert.deepEqual(ts, java);
      if (partitions > 1) assert.ok(new Set(ts).size > 1, 'keys spread over several partitions');
    });
  }

  it('refuses a partition count below 1', () => {
    assert.throws(() => murmur2Partition('k', 0), RangeError);
  });
});
