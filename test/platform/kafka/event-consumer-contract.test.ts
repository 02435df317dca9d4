import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { AvroEventCodec } from '../../../services/platform/codec/avro-codec.ts';
import { RegistryClient } from '../../../services/platform/codec/registry-client.ts';
import { SchemaIncompatibleError } from '../../../services/platform/errors/backbone-error.ts';
import { EventConsumer } from '../../../services/platform/kafka/event-consumer.ts';
import { Platform } from '../../../services/platform/runtime/platform.ts';
import { loadEventSchemas } from '../../../services/platform/schemas/schema-catalog.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';
import { isolatedSchemasCopy } from '../../support/schema-variants.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../../support/test-env.ts';

/** A consumer whose reader schemas are the ones in `dir` (an isolated copy of schemas/). */
async function consumerWithReaders(dir: string, seen: unknown[]) {
  const cfg = testPlatformConfig(undefined, 'contract-test');
  const catalog = await provision(cfg);
  const platform = Platform.fromConfig(cfg, testLogger);
  const registry = new RegistryClient(cfg.registry.url);
  const consumer = new EventConsumer({
    name: 'contract-test',
    consumer: platform.kafka.consumer({ groupId: `contract-${randomUUID().slice(0, 8)}` }),
    codec: new AvroEventCodec(registry, loadEventSchemas(dir)),
    topics: [catalog.lifecycle.name],
    handlers: { PickCompleted: async (e) => void seen.push(e) },
    deadLetters: await platform.deadLetterPublisher('contract-test'),
    retry: { maxAttempts: 1, minDelayMs: 10, maxDelayMs: 10 },
    contractRegistry: registry,
    logger: testLogger,
  });
  return { cfg, catalog, platform, registry, consumer };
}

describe('consumer contract checks against the registry', () => {
  it('refuses to start, naming subject and field, when producers moved to a schema its reader cannot read', async () => {
    const copy = isolatedSchemasCopy();
    const registry = new RegistryClient(testPlatformConfig().registry.url);
    const v1 = loadEventSchemas(copy.dir).get('PickCompleted')!;
    await registry.register(v1.fullName, v1.schema);
    // v2 drops pickListId: BACKWARD-compatible for producers, but a v1 reader requires it.
    const v2 = { ...v1.schema, fields: (v1.schema.fields as Array<{ name: string }>).filter((f) => f.name !== 'pickListId') };
    await registry.register(v1.fullName, v2);

    const { consumer, platform } = await consumerWithReaders(copy.dir, []);
    try {
      await assert.rejects(consumer.start(), (err: unknown) => {
        assert.ok(err instanceof SchemaIncompatibleError, String(err));
        assert.equal(err.details.subject, v1.fullName);
        assert.equal(err.details.field, 'pickListId');
        assert.match(err.message, /field "pickListId"/);
        return true;
      });
    } finally {
      await platform.close();
    }
  });

  it('keeps a v1 consumer working when producers write v2 with a new optional field', async () => {
    const copy = isolatedSchemasCopy();
    const seen: unknown[] = [];
    const { consumer, platform, registry, catalog } = await consumerWithReaders(copy.dir, seen);
    const v1 = loadEventSchemas(copy.dir).get('PickCompleted')!;
    await registry.register(v1.fullName, v1.schema);
    copy.edit('pick-completed.avsc', (s) => s.fields.push({ name: 'zone', type: ['null', 'string'], default: null, doc: 'v2' }));
    const v2schemas = loadEventSchemas(copy.dir);
    const v2 = v2schemas.get('PickCompleted')!;
    await registry.register(v2.fullName, v2.schema);
    try {
      await consumer.start();
      const event = { ...pickCompletedEvent(), zone: 'B-7' };
      const bytes = await new AvroEventCodec(registry, v2schemas).encode('PickCompleted', event);
      const producer = await platform.producer();
      await producer.send(catalog.lifecycle.name, [{ key: event.envelope.shipmentId, value: bytes, partition: 0 }]);
      await waitFor('the v1 handler got the v2 event', () => seen.length === 1, 20_000);
      const got = seen[0] as Record<string, unknown> & { envelope: { eventId: string } };
      assert.equal(got.envelope.eventId, event.envelope.eventId);
      assert.equal('zone' in got, false, 'decoded into the v1 reader schema');
    } finally {
      await consumer.stop();
      await platform.close();
    }
  });
});
