import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformConfig } from '../../../services/platform/config/load-config.ts';
import type { WebhookAdapter } from '../../../services/platform/ingest/webhook-adapter.ts';
import { startAdapter } from '../../support/adapters.ts';
import { pickConfirmationBody } from '../../support/fixtures.ts';
import { privateStack } from '../../support/private-stack.ts';
import { readTopic } from '../../support/kafka-inspect.ts';
import { provision, recordCount } from '../../support/test-env.ts';
import { postWms } from '../../support/wms-client.ts';

/**
 * The broker really stops: this runs on a private stack (own ports and data), so the other
 * tests' broker is untouched.
 */
describe('WMS adapter while the broker is down', () => {
  const { stack, dispose } = privateStack(11_000);
  let platform: PlatformConfig;
  let adapter: WebhookAdapter;

  before(async () => {
    await stack.start();
    platform = {
      kafka: { brokers: [stack.endpoints.kafkaBrokers], clientId: 'outage-test' },
      registry: { url: stack.endpoints.schemaRegistryUrl },
      stateStore: { url: stack.endpoints.stateStoreUrl },
      topicPrefix: 'outage.',
      logLevel: 'silent',
    };
    await provision(platform);
    adapter = await startAdapter(platform, { ackTimeoutMs: 3000, claimLeaseMs: 120_000 });
  });
  after(async () => {
    await adapter?.stop();
    await dispose();
  });

  it('answers 503 with Retry-After, and the retry after recovery stores exactly one event', async () => {
    const topic = 'outage.logistics.shipment.lifecycle.v1';
    const warm = await postWms(adapter.url, pickConfirmationBody());
    assert.equal(warm.status, 202, 'the adapter works before the outage');

    await stack.stopComponent('kafka');
    const body = pickConfirmationBody();
    const during = await postWms(adapter.url, body);
    assert.equal(during.status, 503, JSON.stringify(during.json));
    assert.equal(during.headers.get('retry-after'), '5');
    assert.equal(during.json.code, 'KAFKA_UNAVAILABLE');
    const retryDuring = await postWms(adapter.url, body);
    assert.equal(retryDuring.status, 503, 'a retry during the outage is refused too, not stored twice');

    await stack.start();
    // The vendor keeps retrying, as vendors do, until it gets a 2xx.
    let final = retryDuring;
    for (let i = 0; i < 90 && final.status === 503; i++) {
      await sleep(1000);
      final = await postWms(adapter.url, body);
    }
    assert.ok(final.status === 200 || final.status === 202, `recovered with ${final.status}: ${JSON.stringify(final.json)}`);
    const eventId = final.json.events[0].eventId;

    assert.equal(await recordCount(platform, topic), 2, 'the warm-up event and exactly one copy of the delayed one');
    const records = await readTopic(platform.kafka.brokers, topic, 2);
    assert.equal(records.filter((r) => r.headers['event-id'] === eventId).length, 1);
  });

  it('keeps the claim of a write that outlasts its lease, so the retry after recovery stores one copy', async () => {
    const topic = 'outage.logistics.shipment.lifecycle.v1';
    // A lease shorter than the outage: without renewal the vendor's retry would claim again and publish a second copy.
    const shortLease = await startAdapter(platform, { ackTimeoutMs: 3000, claimLeaseMs: 4000 });
    try {
      assert.equal((await postWms(shortLease.url, pickConfirmationBody())).status, 202, 'this adapter works before the outage');
      const before = await recordCount(platform, topic);
      await stack.stopComponent('kafka');
      const body = pickConfirmationBody();
      assert.equal((await postWms(shortLease.url, body)).status, 503);
      await sleep(9000);
      const retry = await postWms(shortLease.url, body);
      assert.equal(retry.status, 503, 'two leases later the write still holds the claim');
      assert.match(String(retry.json.detail), /still being stored/);
      await stack.start();
      let final = retry;
      for (let i = 0; i < 90 && final.status === 503; i++) {
        await sleep(1000);
        final = await postWms(shortLease.url, body);
      }
      assert.equal(final.status, 200, `answered from the ledger: ${JSON.stringify(final.json)}`);
      assert.equal(await recordCount(platform, topic), before + 1, 'exactly one copy of the delayed event');
    } finally {
      await shortLease.stop();
    }
  });

  it('stops within its grace period while Kafka is down, though a write is still retrying', async () => {
    await stack.stopComponent('kafka');
    const during = await postWms(adapter.url, pickConfirmationBody());
    assert.equal(during.status, 503, 'the write waits for Kafka, the request does not');
    const started = Date.now();
    await adapter.stop();
    const took = Date.now() - started;
    // The grace period is the ack deadline (3 s here); the rest is closing the clients.
    assert.ok(took < 3000 + 12_000, `stop took ${took} ms`);
    assert.ok(took >= 2500, `stop waited for the write in flight (${took} ms)`);
  });
});
