import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { AnalyticsSink } from '../../services/analytics-sink/analytics-sink.ts';
import type { AnalyticsStore } from '../../services/analytics-sink/analytics-store.ts';
import type { TypedEvent } from '../../services/platform/events/canonical-event.ts';
import { murmur2Partition } from '../../services/platform/kafka/murmur2-partitioner.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { shipmentStory } from '../support/analytics-fixtures.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { scalar, sinkConfig, withStore } from './sink-harness.ts';
import { tsNodeArgs } from '../../scripts/ts-runtime/node-args.ts';

const platform = testPlatformConfig(undefined, 'analytics-crash');
const here = path.dirname(fileURLToPath(import.meta.url));

/** Per partition: rows stored and the stored next offset. Equal when rows and offsets committed together. */
async function rowsVersusOffsets(store: AnalyticsStore): Promise<Array<{ partition: number; rows: number; next_offset: number }>> {
  const r = await store.query(
    `SELECT o."partition" AS "partition", count(e.event_id)::INTEGER AS rows, o.next_offset::INTEGER AS next_offset
     FROM sink_offsets o LEFT JOIN all_events e ON e."partition" = o."partition" AND e.topic = o.topic
     GROUP BY ALL ORDER BY 1`,
  );
  return r.rows as Array<{ partition: number; rows: number; next_offset: number }>;
}

describe('analytics sink: killed inside a batch transaction', () => {
  let producerPlatform: Platform;
  const events: TypedEvent[] = [];

  before(async () => {
    const catalog = await provision(platform);
    producerPlatform = Platform.fromConfig(platform, testLogger);
    const producer = await producerPlatform.eventProducer();
    // Shipments on four different partitions, so the sink stores several batches before the fatal one.
    const partitions = new Set<number>();
    while (partitions.size < 4) {
      const story = shipmentStory();
      const p = murmur2Partition(story[1]!.event.envelope.shipmentId!, catalog.lifecycle.partitions);
      if (partitions.has(p)) continue;
      partitions.add(p);
      events.push(...story);
    }
    await producer.publish(events);
  });
  after(async () => {
    await producerPlatform.close();
  });

  it('loses the uncommitted batch whole, then a restart stores every event exactly once', async () => {
    const config = sinkConfig(platform);
    const child = spawn(process.execPath, [...tsNodeArgs, path.join(here, 'crashing-sink.ts')], {
      env: { ...process.env, SINK_CONFIG: JSON.stringify(config), CRASH_ON_BATCH: '3' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
    assert.equal(signal, 'SIGKILL', `the sink died by SIGKILL (exit code ${code}, output: ${out})`);
    assert.match(out, /killing the sink inside batch 3/);

    const afterCrash = await withStore(config.dbPath, async (store) => {
      const rows = await scalar(store, 'SELECT count(*) FROM all_events');
      const perPartition = await rowsVersusOffsets(store);
      for (const p of perPartition) assert.equal(p.rows, p.next_offset, `partition ${p.partition}: rows and offset committed together`);
      return { rows, partitions: perPartition.length };
    });
    assert.equal(afterCrash.partitions, 2, 'two batches were committed before the fatal one');
    assert.ok(afterCrash.rows > 0 && afterCrash.rows < events.length, `some rows stored, the killed batch not (${afterCrash.rows} of ${events.length})`);

    // Restart in the same group: the dead member's partitions come back after its session times out.
    const sink = AnalyticsSink.fromConfig(config, testLogger);
    await sink.start();
    try {
      await waitFor(`${events.length} rows`, async () => (await scalar(sink.openStore!, 'SELECT count(*) FROM all_events')) === events.length, 60_000);
      assert.equal(sink.stats.rowsInserted, events.length - afterCrash.rows, 'the restart inserted exactly the missing rows');
      assert.equal(sink.stats.duplicateEventIds, 0);
    } finally {
      await sink.stop();
    }
    await withStore(config.dbPath, async (store) => {
      assert.equal(await scalar(store, 'SELECT count(DISTINCT event_id) FROM all_events'), events.length);
      for (const p of await rowsVersusOffsets(store)) assert.equal(p.rows, p.next_offset, `partition ${p.partition}`);
    });
  });
});
