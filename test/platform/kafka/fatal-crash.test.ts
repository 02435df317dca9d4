/**
 * A consumer whose Kafka client gives up for good (kafkajs CRASH without restart) stops
 * reporting ready and live, instead of looking healthy while nothing is consumed. The fault
 * is injected by a wrapper around the real ConsumerPort whose commit throws a TypeError,
 * which kafkajs treats as unrecoverable.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { after, before, describe, it } from 'node:test';
import { healthRouter } from '../../../services/platform/http/health-router.ts';
import { EventConsumer } from '../../../services/platform/kafka/event-consumer.ts';
import type { ConsumerPort } from '../../../services/platform/kafka/kafka-port.ts';
import { Platform } from '../../../services/platform/runtime/platform.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../../support/test-env.ts';

/** The real port, except that committing a batch throws a TypeError (a bug kafkajs will not retry). */
function failingCommits(port: ConsumerPort): ConsumerPort {
  return {
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
            commit: async () => {
              throw new TypeError('injected fault: commit is not a function');
            },
          }),
        opts,
      ),
  };
}

describe('a consumer whose client gives up for good', () => {
  const cfg = testPlatformConfig(undefined, 'crash-test');
  let platform: Platform;
  let topic: string;

  before(async () => {
    topic = (await provision(cfg)).lifecycle.name;
    platform = Platform.fromConfig(cfg, testLogger);
  });
  after(() => platform.close());

  it('reports not ready and not live, with the error, once kafkajs stops it without restart', async () => {
    const handled: string[] = [];
    const consumer = new EventConsumer({
      name: 'crash-test',
      consumer: failingCommits(platform.kafka.consumer({ groupId: `crash-${randomUUID().slice(0, 8)}` })),
      codec: platform.codec,
      topics: [topic],
      handlers: { PickCompleted: async (e) => void handled.push(e.envelope.eventId) },
      deadLetters: await platform.deadLetterPublisher('crash-test'),
      retry: { maxAttempts: 1, minDelayMs: 1, maxDelayMs: 1 },
      logger: testLogger,
    });
    const app = express();
    app.use(healthRouter({ consumer: () => consumer.hasJoinedGroup }, { live: { consumer: () => !consumer.failure } }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await consumer.start();
      await waitFor('joined', () => consumer.hasJoinedGroup, 30_000);
      assert.equal((await fetch(`${url}/health/ready`)).status, 200);
      assert.equal((await fetch(`${url}/health/live`)).status, 200);

      const event = pickCompletedEvent();
      await (await platform.eventProducer()).publish([{ eventType: 'PickCompleted', event }]);
      const failure = await waitFor('the fatal crash', () => consumer.failure, 60_000);

      assert.deepEqual(handled, [event.envelope.eventId], 'the record was handled before its commit failed');
      assert.match(`${failure.message} ${(failure.cause as Error | undefined)?.message}`, /injected fault/);
      assert.equal(consumer.hasJoinedGroup, false);
      const ready = await fetch(`${url}/health/ready`);
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { status: 'DOWN', checks: { consumer: 'DOWN' } });
      const live = await fetch(`${url}/health/live`);
      assert.equal(live.status, 503);
      assert.deepEqual(await live.json(), { status: 'DOWN', checks: { consumer: 'DOWN' } });
    } finally {
      server.close();
      await consumer.stop();
    }
  });
});
