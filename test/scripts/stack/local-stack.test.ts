import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { portInUse } from '../../../scripts/stack/prerequisites.ts';
import { AvroEventCodec } from '../../../services/platform/codec/avro-codec.ts';
import { RegistryClient } from '../../../services/platform/codec/registry-client.ts';
import { loadEventSchemas } from '../../../services/platform/schemas/schema-catalog.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';
import { privateStack } from '../../support/private-stack.ts';

/**
 * A private stack (own data folder and ports, shared download cache), so restarting it does
 * not disturb the stack the rest of the suite uses.
 */
describe('local stack durability across a restart', () => {
  const { stack, dispose } = privateStack(20_000);
  after(() => dispose());

  it('keeps schema ids, and an old record still decodes after the stack restarts', async () => {
    assert.equal(await stack.start(), true, 'a fresh private stack was started');
    const status = await stack.status();
    assert.deepEqual(status.map((s) => [s.name, s.ready]), [['kafka', true], ['registry', true], ['postgres', true]]);

    const schemas = loadEventSchemas();
    const registry = new RegistryClient(stack.endpoints.schemaRegistryUrl);
    const idsBefore = new Map<string, number>();
    for (const s of schemas.values()) idsBefore.set(s.fullName, await registry.register(s.fullName, s.schema));

    const kafka = new Kafka({ brokers: [stack.endpoints.kafkaBrokers], clientId: 'durability', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'durability', numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const event = pickCompletedEvent();
    const bytes = await new AvroEventCodec(registry, schemas).encode('PickCompleted', event);
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic: 'durability', acks: -1, messages: [{ key: event.envelope.shipmentId, value: bytes }] });
    await producer.disconnect();

    await stack.stop();
    assert.equal(await portInUse(stack.config.kafkaPort), false, 'broker stopped');
    assert.equal(await portInUse(stack.config.registryPort), false, 'registry stopped');
    assert.equal(await stack.start(), true, 'restarted');

    const after = new RegistryClient(stack.endpoints.schemaRegistryUrl);
    for (const s of schemas.values()) assert.equal(await after.idOf(s.fullName, s.schema), idsBefore.get(s.fullName), s.fullName);
    // The global rule survives too (set again at start, and kept in the journal).
    const cfg = await fetch(`${stack.endpoints.schemaRegistryUrl}/config`).then((r) => r.json() as Promise<{ compatibilityLevel: string }>);
    assert.equal(cfg.compatibilityLevel, 'BACKWARD');

    const consumer = kafka.consumer({ groupId: 'durability-check' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'durability', fromBeginning: true });
    const value = await new Promise<Buffer>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!) });
    });
    await consumer.disconnect();
    // A codec with empty caches: the writer schema must come from the restarted registry.
    const decoded = await new AvroEventCodec(after, schemas).decode<typeof event>(value);
    assert.equal(decoded.writerSchemaId, idsBefore.get('io.logistics.events.PickCompleted'));
    assert.equal(decoded.event.envelope.eventId, event.envelope.eventId);
  });
});
