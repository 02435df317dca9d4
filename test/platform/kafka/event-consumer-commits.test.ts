/**
 * When EventConsumer commits: once per batch (a commit round trip per record held a replay to
 * about 150 records/s), within a long batch every `commitIntervalMs`, and never past a record
 * whose effect is not done. Counts the commit requests through a wrapper around the real
 * ConsumerPort (observation only: every call goes to Kafka).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EventConsumer, type EventHandlers } from '../../../services/platform/kafka/event-consumer.ts';
import type { ConsumerPort } from '../../../services/platform/kafka/kafka-port.ts';
import { Platform } from '../../../services/platform/runtime/platform.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';
import { waitForCaughtUp } from '../../support/consumer-lag.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../../support/test-env.ts';

/** One commit() call as the wrapper saw it: the last offset resolved, and the batch's last offset. */
interface SeenCommit {
  partition: number;
  resolved: number | undefined;
  batchLast: number;
}

/** The real port, with each batch's commit() calls recorded. */
function countingCommits(port: ConsumerPort, onCommit: (c: SeenCommit) => void = () => undefined): { port: ConsumerPort; seen: SeenCommit[] } {
  const seen: SeenCommit[] = [];
  return {
    seen,
    port: {
      ...port,
      run: (eachBatch, opts) =>
        port.run((batch) => {
          let resolved: number | undefined;
          const batchLast = Number(batch.records.at(-1)?.offset ?? -1);
          return eachBatch({
            ...batch,
            records: batch.records,
            resolveOffset: (o) => {
              resolved = Number(o);
              batch.resolveOffset(o);
            },
            heartbeat: () => batch.heartbeat(),
            isStale: () => batch.isStale(),
            commit: () => {
              const c = { partition: batch.partition, resolved, batchLast };
              seen.push(c);
              onCommit(c);
              return batch.commit();
            },
          });
        }, opts),
    },
  };
}

describe('EventConsumer offset commits', () => {
  const cfg = testPlatformConfig(undefined, 'commit-test');
  let platform: Platform;
  let topic: string;

  before(async () => {
    topic = (await provision(cfg)).lifecycle.name;
    platform = Platform.fromConfig(cfg, testLogger);
  });
  after(() => platform.close());

  async function publish(n: number, shipmentId: string): Promise<void> {
    const producer = await platform.eventProducer();
    const events = Array.from({ length: n }, () => ({ eventType: 'PickCompleted' as const, event: pickCompletedEvent(shipmentId) }));
    for (let i = 0; i < n; i += 100) await producer.publish(events.slice(i, i + 100));
  }


  async function consumerWith(groupId: string, handlers: EventHandlers, commitIntervalMs?: number, onCommit?: (c: SeenCommit) => void) {
    const counted = countingCommits(platform.kafka.consumer({ groupId }), onCommit);
    const consumer = new EventConsumer({
      name: 'commit-test',
      consumer: counted.port,
      codec: platform.codec,
      topics: [topic],
      handlers,
      deadLetters: await platform.deadLetterPublisher('commit-test'),
      retry: { maxAttempts: 1, minDelayMs: 1, maxDelayMs: 1 },
      logger: testLogger,
      commitIntervalMs,
    });
    return { consumer, seen: counted.seen };
  }

  it('commits once per batch, not per record, up to the end of what it handled', async () => {
    const shipment = `SHP-${randomUUID().slice(0, 8)}`;
    await publish(600, shipment);
    const groupId = `commit-batch-${randomUUID().slice(0, 8)}`;
    const handled = new Set<string>();
    const { consumer, seen } = await consumerWith(groupId, {
      PickCompleted: async (e) => {
        // The topic is shared by this file's tests: count only this test's shipment.
        if (e.envelope.shipmentId !== shipment) return;
        handled.add(e.envelope.eventId);
      },
    });
    await consumer.start();
    try {
      await waitFor('600 records handled', () => handled.size >= 600, 60_000);
      await waitForCaughtUp(cfg, groupId, topic, 20_000);
      assert.equal(handled.size, 600);
      assert.ok(seen.length < 60, `${seen.length} commit requests for 600 records: expected about one per batch`);
    } finally {
      await consumer.stop();
    }
  });

  it('within a slow batch commits what finished every commitIntervalMs, never past the record still running', async () => {
    const shipment = `SHP-${randomUUID().slice(0, 8)}`;
    await publish(12, shipment);
    const groupId = `commit-interval-${randomUUID().slice(0, 8)}`;
    const handled = new Set<number>();
    let running: number | undefined;
    const commitsWhileRunning: Array<{ resolved: number | undefined; running: number }> = [];
    let partition = -1;
    const { consumer, seen } = await consumerWith(
      groupId,
      {
        PickCompleted: async (e, ctx) => {
          if (e.envelope.shipmentId !== shipment) return;
          partition = ctx.partition;
          running = Number(ctx.offset);
          await new Promise((r) => setTimeout(r, 100));
          handled.add(running);
          running = undefined;
        },
      },
      250,
      (c) => {
        if (running !== undefined) commitsWhileRunning.push({ resolved: c.resolved, running });
      },
    );
    await consumer.start();
    try {
      await waitFor('12 records handled', () => handled.size >= 12, 60_000);
      // This shipment's records are the last of their partition: caught up means committed past the last one.
      await waitForCaughtUp(cfg, groupId, topic, 20_000);
      // Records take 100 ms and the interval is 250 ms: some commits come before the batch's last record.
      const first = Math.min(...handled);
      const inside = seen.filter((c) => c.partition === partition && c.resolved !== undefined && c.resolved >= first && c.resolved < c.batchLast);
      assert.ok(inside.length >= 2, `commits inside a batch: ${JSON.stringify(seen)}`);
      for (const c of commitsWhileRunning) assert.ok(c.resolved === undefined || c.resolved < c.running, `committed ${c.resolved} while ${c.running} ran`);
    } finally {
      await consumer.stop();
    }
  });
});
