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
import { provision, testLogger, testPlatformConfig, waitFor } from '../../support/test-env.ts';

/** The real port, with each batch's commit() calls counted. */
function countingCommits(port: ConsumerPort): { port: ConsumerPort; commits: () => number } {
  let commits = 0;
  return {
    commits: () => commits,
    port: {
      ...port,
      run: (eachBatch, opts) =>
        port.run(
          (batch) =>
            eachBatch({
              ...batch,
              records: batch.records,
              resolveOffset: (o) => batch.resolveOffset(o),
              heartbeat: () => batch.heartbeat(),
              isStale: () => batch.isStale(),
              commit: () => (commits++, batch.commit()),
            }),
          opts,
        ),
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

  async function withAdmin<T>(fn: (admin: ReturnType<Platform['kafka']['admin']>) => Promise<T>): Promise<T> {
    const admin = platform.kafka.admin();
    await admin.connect();
    try {
      return await fn(admin);
    } finally {
      await admin.disconnect();
    }
  }
  const committed = (groupId: string, partition: number) => withAdmin(async (a) => Number((await a.groupOffsets(groupId, topic)).get(partition) ?? '-1'));
  const endOffset = (partition: number) => withAdmin(async (a) => Number((await a.endOffsets(topic)).get(partition) ?? '0'));

  async function consumerWith(groupId: string, handlers: EventHandlers, commitIntervalMs?: number) {
    const counted = countingCommits(platform.kafka.consumer({ groupId }));
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
    return { consumer, commits: counted.commits };
  }

  it('commits once per batch, not per record, up to the end of what it handled', async () => {
    const shipment = `SHP-${randomUUID().slice(0, 8)}`;
    await publish(600, shipment);
    const groupId = `commit-batch-${randomUUID().slice(0, 8)}`;
    let handled = 0;
    let partition = -1;
    const { consumer, commits } = await consumerWith(groupId, {
      PickCompleted: async (_e, ctx) => {
        handled++;
        partition = ctx.partition;
      },
    });
    await consumer.start();
    try {
      await waitFor('600 records handled', () => handled >= 600, 60_000);
      const end = await endOffset(partition);
      await waitFor('the group committed the end offset', async () => (await committed(groupId, partition)) === end, 20_000);
      assert.equal(handled, 600);
      assert.ok(commits() < 60, `${commits()} commit requests for 600 records: expected about one per batch`);
    } finally {
      await consumer.stop();
    }
  });

  it('within a slow batch commits finished records every commitIntervalMs, never the record still running', async () => {
    const shipment = `SHP-${randomUUID().slice(0, 8)}`;
    await publish(12, shipment);
    const groupId = `commit-interval-${randomUUID().slice(0, 8)}`;
    const offsets: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let partition = -1;
    const { consumer } = await consumerWith(
      groupId,
      {
        PickCompleted: async (_e, ctx) => {
          partition = ctx.partition;
          offsets.push(Number(ctx.offset));
          // Records take 100 ms each; the 11th waits until the test has looked at the commits.
          if (offsets.length === 11) await held;
          else await new Promise((r) => setTimeout(r, 100));
        },
      },
      250,
    );
    await consumer.start();
    try {
      await waitFor('the 11th record is running', () => offsets.length === 11, 60_000);
      const first = offsets[0]!;
      const running = offsets[10]!;
      // Committed within the batch: some finished records, none from the one still running onward.
      const c = await waitFor('a commit inside the batch', async () => {
        const o = await committed(groupId, partition);
        return o > first ? o : undefined;
      }, 10_000);
      assert.ok(c <= running, `committed ${c}, but record ${running} is still running`);
      release();
      await waitFor('all 12 handled and committed', async () => offsets.length === 12 && (await committed(groupId, partition)) === offsets[11]! + 1, 30_000);
    } finally {
      release();
      await consumer.stop();
    }
  });
});
