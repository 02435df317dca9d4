import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { WebhookAdapter } from '../../../services/platform/ingest/webhook-adapter.ts';
import type { TopicCatalog } from '../../../services/platform/kafka/topic-catalog.ts';
import { repoRoot } from '../../../scripts/stack/stack-config.ts';
import { startAdapter } from '../../support/adapters.ts';
import { pickConfirmationBody } from '../../support/fixtures.ts';
import { readTopic } from '../../support/kafka-inspect.ts';
import { provision, recordCount, testPlatformConfig } from '../../support/test-env.ts';
import { postWms } from '../../support/wms-client.ts';
import { tsNodeArgs } from '../../../scripts/ts-runtime/node-args.ts';

describe('ingest pipeline: each vendor delivery becomes exactly one set of events', () => {
  const platform = testPlatformConfig(undefined, 'ingest-test');
  // A source system unique to this run: the delivery ledger is shared by every test run.
  const sourceSystem = `wms-${platform.topicPrefix.slice(2, 10)}`;
  let catalog: TopicCatalog;
  let a: WebhookAdapter;
  let b: WebhookAdapter;

  before(async () => {
    catalog = await provision(platform);
    [a, b] = await Promise.all([startAdapter(platform, { sourceSystem }), startAdapter(platform, { sourceSystem })]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  const lifecycle = () => catalog.lifecycle.name;
  const raw = () => catalog.rawArchiveFor('WMS').name;

  it('stores a delivery once and answers its repetition from the ledger, also after a restart', async () => {
    const body = pickConfirmationBody();
    const first = await postWms(a.url, body, { headers: { 'x-correlation-id': 'corr-from-vendor-42' } });
    assert.equal(first.status, 202, JSON.stringify(first.json));
    const again = await postWms(a.url, body);
    assert.equal(again.status, 200);
    assert.equal(again.json.status, 'duplicate');
    assert.deepEqual(again.json.events, first.json.events);

    await a.stop();
    a = await startAdapter(platform, { sourceSystem });
    const afterRestart = await postWms(a.url, body);
    assert.equal(afterRestart.status, 200);
    assert.deepEqual(afterRestart.json.events, first.json.events);
    assert.equal(await recordCount(platform, lifecycle()), 1);

    const [event] = await readTopic(platform.kafka.brokers, lifecycle(), 1);
    assert.equal(event!.headers['correlation-id'], 'corr-from-vendor-42', 'the vendor correlation id travels in the headers');
  });

  it('keeps the accepted raw bytes with their receipt metadata', async () => {
    const records = await readTopic(platform.kafka.brokers, raw(), 1);
    assert.equal(records.length, 1, 'one archive record for one accepted delivery');
    const r = records[0]!;
    const body = JSON.parse(r.value!.toString('utf8'));
    assert.equal(r.key, `${sourceSystem}/${body.eventId}`);
    assert.equal(r.headers['raw-source-kind'], 'WMS');
    assert.equal(r.headers['raw-source-system'], sourceSystem);
    assert.equal(r.headers['raw-endpoint'], '/webhooks/wms/v1');
    assert.equal(r.headers['raw-kind'], 'pick.confirmed');
    assert.equal(r.headers['raw-vendor-event-id'], body.eventId);
    assert.equal(r.headers['correlation-id'], 'corr-from-vendor-42');
    assert.match(r.headers['raw-content-type']!, /^application\/json/);
    assert.ok(!Number.isNaN(Date.parse(r.headers['raw-received-at']!)));
  });

  it('publishes one event when two instances receive the same delivery at once', async () => {
    const body = pickConfirmationBody();
    const before = await recordCount(platform, lifecycle());
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => postWms(i % 2 ? a.url : b.url, body)));
    const statuses = burst.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 202).length, 1, `exactly one 202 among ${statuses}`);
    assert.ok(statuses.every((s) => [200, 202, 503].includes(s)), String(statuses));
    // Vendors retry what got 503 (a concurrent attempt held the delivery): now it is stored.
    const retried = await postWms(b.url, body);
    assert.equal(retried.status, 200);
    assert.equal(await recordCount(platform, lifecycle()), before + 1);
  });

  it('regenerates canonical events from the raw archive: dry run first, then new revisions', async () => {
    const env = { ...process.env, KAFKA_BROKERS: platform.kafka.brokers.join(','), SCHEMA_REGISTRY_URL: platform.registry.url, LEB_TOPIC_PREFIX: platform.topicPrefix };
    const run = (...args: string[]) => spawnSync(process.execPath, [...tsNodeArgs, 'scripts/regenerate.ts', '--source', 'WMS', '--json', ...args], { cwd: repoRoot, env, encoding: 'utf8' });
    const before = await recordCount(platform, lifecycle());
    const dry = run();
    assert.equal(dry.status, 0, dry.stderr);
    const plan = JSON.parse(dry.stdout);
    assert.equal(plan.deliveries, 2);
    assert.equal(plan.published, 0);
    assert.equal(await recordCount(platform, lifecycle()), before, 'a dry run publishes nothing');

    const exec = run('--execute', '--revision', '2');
    assert.equal(exec.status, 0, exec.stderr);
    const done = JSON.parse(exec.stdout);
    assert.equal(done.published, 2);
    assert.equal(await recordCount(platform, lifecycle()), before + 2);
    const all = (await readTopic(platform.kafka.brokers, lifecycle(), before + 2)).map((r) => r.headers['event-id']);
    const regenerated = done.summaries.map((s: { events: Array<{ eventId: string }> }) => s.events[0]!.eventId);
    const originals = all.filter((id) => !regenerated.includes(id));
    assert.equal(originals.length, before);
    for (const s of done.summaries) {
      const [e] = s.events;
      assert.ok(all.includes(e.eventId), 'the regenerated event is on the topic');
      assert.notEqual(e.eventId, e.causationId, 'with a new id');
      assert.ok(originals.includes(e.causationId), 'naming the original event as its cause');
    }
  });
});
