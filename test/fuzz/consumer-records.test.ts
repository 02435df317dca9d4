/**
 * Bad-input battery, consumers: the real ERP consumer (against the stand-in ERP) reads a
 * lifecycle topic onto which each case produces valid PickCompleted events interleaved with
 * poison (wrong magic byte, short values, unknown schema ids, truncated Avro, trailing bytes,
 * an unresolvable writer schema; huge and repeated headers). Every poison record yields
 * exactly one dead-letter record with its reason code and its original key, bytes and
 * headers; every valid event is posted to the ERP exactly once; the consumer commits through
 * to the end offset and keeps running.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DemoErp } from '../../services/demo-erp/demo-erp.ts';
import type { ErpConsumer } from '../../services/erp-consumer/erp-consumer.ts';
import { deadLetterHeaders } from '../../services/platform/dlq/dead-letter-publisher.ts';
import type { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { startErpConsumer } from '../support/erp.ts';
import { provision, recordCount, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { fuzzParams } from './support/fuzz-runs.ts';
import { heapBaseline, mb } from './support/heap-probe.ts';
import { openPoisonRig, type PoisonRig } from './support/poison-rig.ts';
import { expectedDeadLetterCode, poisonSpec, validFrame, type PoisonSpec } from './support/poison-records.ts';
import { caseHeader, headerText } from './support/dead-letter-collector.ts';

const heapBoundBytes = 96 * 1_048_576;

describe('fuzz: consumer records (poison interleaved with valid events)', () => {
  const platform = testPlatformConfig(undefined, 'fuzz-consumer');
  const groupId = `erp-fuzz-${randomUUID().slice(0, 8)}`;
  let rig: PoisonRig;
  let catalog: TopicCatalog;
  let erp: DemoErp;
  let consumer: ErpConsumer;
  let heap: Awaited<ReturnType<typeof heapBaseline>>;
  let poisonSoFar = 0;
  let validSoFar = 0;

  before(async () => {
    catalog = await provision(platform);
    rig = await openPoisonRig(platform, 'fuzz-consumer', catalog.deadLetter.name);
    erp = new DemoErp({ host: '127.0.0.1', port: 0 });
    await erp.start();
    consumer = await startErpConsumer(platform, erp.url, { groupId, healthPort: 0 });
    heap = await heapBaseline();
  });
  after(async () => {
    await rig?.close();
    await consumer?.stop();
    await erp?.stop();
  });

  /** True when the ERP consumer's group committed up to the end of every lifecycle partition. */
  const caughtUp = async () => {
    const admin = rig.kafka.admin();
    await admin.connect();
    try {
      const topic = catalog.lifecycle.name;
      const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
      return ends.every((e) => committed!.partitions.find((p) => p.partition === e.partition)?.offset === e.offset || (e.offset === '0' && e.high === '0'));
    } finally {
      await admin.disconnect();
    }
  };

  it('dead-letters each poison record once, with its code, key, bytes and headers, and posts each valid event once', async () => {
    const topic = catalog.lifecycle.name;
    await fc.assert(
      fc.asyncProperty(fc.array(poisonSpec, { minLength: 4, maxLength: 24 }), fc.integer({ min: 1, max: 3 }), async (specs, shipments) => {
        const run = randomUUID().slice(0, 8);
        const partitions = catalog.lifecycle.partitions;
        const sent: Array<{ spec: PoisonSpec; id: string; key: string | null; value: Buffer | null; headers: Record<string, string | string[]>; partition: number; eventId?: string }> = [];
        for (const [i, spec] of specs.entries()) {
          const shipment = `SHP-FUZZ-${run}-${i % shipments}`;
          const { frame, eventId } = await validFrame(rig.codec, shipment);
          const id = `${run}:${i}`;
          const headers = { ...spec.headers, [caseHeader]: id };
          // Valid events of a shipment share a partition, as producers key them; poison lands anywhere.
          const partition = spec.keyed || spec.kind === 'valid' ? i % shipments % partitions : (i * 7) % partitions;
          sent.push({ spec, id, key: spec.keyed || spec.kind === 'valid' ? shipment : null, value: spec.value(frame, rig.incompatibleId), headers, partition, eventId: spec.kind === 'valid' ? eventId : undefined });
        }
        const deadBefore = await recordCount(platform, catalog.deadLetter.name);
        // One record per request, in order: the case's order is the topic's order.
        for (const r of sent) await rig.producer.send({ topic, acks: -1, messages: [{ key: r.key, value: r.value, headers: r.headers, partition: r.partition }] });

        await waitFor(`the ERP consumer committing to the end of ${topic}`, caughtUp, 90_000);
        const poison = sent.filter((r) => r.spec.kind !== 'valid');
        const valid = sent.filter((r) => r.spec.kind === 'valid');
        poisonSoFar += poison.length;
        validSoFar += valid.length;
        // Dead letters were acknowledged before the commits: the topic holds them all, and no more.
        assert.equal((await recordCount(platform, catalog.deadLetter.name)) - deadBefore, poison.length, 'dead-letter records of this case');
        await waitFor('the dead letters of this case', () => poison.every((r) => rig.deadLetters.has(r.id)), 30_000);
        for (const r of valid) {
          assert.equal(rig.deadLetters.get(r.id), undefined, `${r.spec.label}: a valid event was dead-lettered: ${headerText(rig.deadLetters.get(r.id)?.[0]?.headers[deadLetterHeaders.errorMessage])}`);
          assert.equal(erp.requestsFor(r.eventId!).length, 1, `${r.spec.label}: the ERP must get event ${r.eventId} exactly once`);
        }
        for (const r of poison) {
          const dls = rig.deadLetters.get(r.id)!;
          assert.equal(dls.length, 1, `${r.spec.label}: ${dls.length} dead letters`);
          const dl = dls[0]!;
          const what = `${r.spec.label} (${r.id})`;
          assert.equal(headerText(dl.headers[deadLetterHeaders.errorCode]), expectedDeadLetterCode[r.spec.kind as keyof typeof expectedDeadLetterCode], `${what}: ${headerText(dl.headers[deadLetterHeaders.errorMessage])}`);
          assert.ok(String(headerText(dl.headers[deadLetterHeaders.errorMessage])).length > 0, `${what}: no error message`);
          assert.equal(headerText(dl.headers[deadLetterHeaders.consumer]), 'erp-consumer');
          assert.equal(headerText(dl.headers[deadLetterHeaders.originalTopic]), topic);
          assert.equal(headerText(dl.headers[deadLetterHeaders.originalPartition]), String(r.partition));
          assert.deepEqual(dl.value === null ? null : Buffer.from(dl.value), r.value === null ? null : Buffer.from(r.value), `${what}: value bytes`);
          assert.equal(dl.key === null ? null : String(dl.key), r.key, `${what}: key`);
          for (const [name, v] of Object.entries(r.headers)) assert.deepEqual(headerText(dl.headers[name]), v, `${what}: header ${name}`);
        }
        const ready = await fetch(`${consumer.healthUrl}/health/ready`, { signal: AbortSignal.timeout(10_000) });
        assert.equal(ready.status, 200, `the consumer is not ready: ${await ready.text()}`);
      }),
      // Each case is a batch of up to 24 records through a consumer group: weighed as heavy.
      fuzzParams(6, 'heavy'),
    );
    console.log(`[fuzz] consumer: ${validSoFar} valid events posted once, ${poisonSoFar} poison records dead-lettered once`);
  });

  it('posts nothing twice and keeps the heap bounded', async () => {
    const keys = erp.requests.map((r) => r.idempotencyKey);
    assert.equal(new Set(keys).size, keys.length, 'an event was posted to the ERP twice');
    assert.equal(keys.length, validSoFar);
    const growth = await heap.growth();
    console.log(`[fuzz] consumer heap growth ${mb(growth)}`);
    assert.ok(growth < heapBoundBytes, `heap grew by ${mb(growth)} over the run (bound ${mb(heapBoundBytes)})`);
  });
});
