import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { AnalyticsSink } from '../../services/analytics-sink/analytics-sink.ts';
import { AvroEventCodec } from '../../services/platform/codec/avro-codec.ts';
import { RegistryClient } from '../../services/platform/codec/registry-client.ts';
import { deadLetterHeaders } from '../../services/platform/dlq/dead-letter-publisher.ts';
import type { TypedEvent } from '../../services/platform/events/canonical-event.ts';
import { EventProducer } from '../../services/platform/kafka/event-producer.ts';
import type { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { loadEventSchemas } from '../../services/platform/schemas/schema-catalog.ts';
import { build } from '../support/analytics-fixtures.ts';
import { isolatedSchemasCopy } from '../support/schema-variants.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { scalar, sinkConfig } from './sink-harness.ts';

const platform = testPlatformConfig(undefined, 'analytics-evolution');

/** An event producer writing with the schemas of `dir` (registering its PickCompleted first). */
async function producerFor(p: Platform, catalog: TopicCatalog, dir: string): Promise<{ producer: EventProducer; schemaId: number }> {
  const schemas = loadEventSchemas(dir);
  const pick = schemas.get('PickCompleted')!;
  const schemaId = await p.registry.register(pick.fullName, pick.schema);
  const codec = new AvroEventCodec(new RegistryClient(platform.registry.url), schemas);
  return { producer: new EventProducer({ producer: await p.producer(), admin: await p.admin(), codec, topics: catalog, logger: testLogger }), schemaId };
}

/** Records of the dead-letter topic, read from the beginning. */
async function deadLetters(topic: string, count: number): Promise<Array<Record<string, string>>> {
  const kafka = new Kafka({ brokers: platform.kafka.brokers, clientId: 'test-dlq', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `dlq-${Date.now()}-${Math.random()}` });
  const out: Array<Record<string, string>> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void out.push(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]))) });
  try {
    await waitFor(`${count} dead letters`, () => out.length >= count, 30_000);
  } finally {
    await consumer.disconnect();
  }
  return out;
}

describe('analytics sink: schema evolution', () => {
  let catalog: TopicCatalog;
  let p: Platform;
  let sink: AnalyticsSink;
  const rows = () => scalar(sink.openStore!, 'SELECT count(*) FROM events_pick_completed');

  before(async () => {
    catalog = await provision(platform);
    p = Platform.fromConfig(platform, testLogger);
    sink = AnalyticsSink.fromConfig(sinkConfig(platform), testLogger);
    await sink.start();
  });
  after(async () => {
    await sink.stop();
    await p.close();
  });

  it('adds a column for a new optional field of a v2 schema; v1 rows read it as NULL', async () => {
    const copy = isolatedSchemasCopy();
    const v1 = await producerFor(p, catalog, copy.dir);
    const first = build.PickCompleted({ occurredAt: '2026-03-02T08:00:00Z', shipmentId: 'SHP-V1', orderId: 'SO-V1' });
    await v1.producer.publish([{ eventType: 'PickCompleted', event: first }]);
    await waitFor('v1 row', async () => (await rows()) === 1, 30_000);

    // v2: a new optional top-level field and a new optional field inside the shared LineItem record.
    copy.edit('pick-completed.avsc', (s) => s.fields.push({ name: 'pickerId', type: ['null', 'string'], default: null, doc: 'Badge of the picker.' }));
    const lineItemFile = `${copy.dir}/common/line-item.avsc`;
    const { readFileSync, writeFileSync } = await import('node:fs');
    const lineItem = JSON.parse(readFileSync(lineItemFile, 'utf8'));
    lineItem.fields.push({ name: 'binLocation', type: ['null', 'string'], default: null, doc: 'Bin the line was picked from.' });
    writeFileSync(lineItemFile, JSON.stringify(lineItem));
    const v2 = await producerFor(p, catalog, copy.dir);
    assert.notEqual(v2.schemaId, v1.schemaId, 'v2 is a new registered version');
    const second = build.PickCompleted({ occurredAt: '2026-03-02T09:00:00Z', shipmentId: 'SHP-V2', orderId: 'SO-V2' });
    const v2event = { ...second, pickerId: 'PICKER-7', lines: second.lines.map((l) => ({ ...l, binLocation: 'A-01-3' })) };
    await v2.producer.publish([{ eventType: 'PickCompleted', event: v2event } as unknown as TypedEvent]);
    await waitFor('v2 row', async () => (await rows()) === 2, 30_000);

    const r = await sink.openStore!.query(
      `SELECT shipment_id, schema_id, picker_id, lines[1].bin_location AS bin, lines[1].sku AS sku FROM events_pick_completed ORDER BY occurred_at`,
    );
    assert.deepEqual(r.rows, [
      { shipment_id: 'SHP-V1', schema_id: v1.schemaId, picker_id: null, bin: null, sku: 'SKU-1' },
      { shipment_id: 'SHP-V2', schema_id: v2.schemaId, picker_id: 'PICKER-7', bin: 'A-01-3', sku: 'SKU-1' },
    ]);
    const described = await sink.openStore!.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events_pick_completed' AND column_name IN ('picker_id', 'lines')`);
    assert.deepEqual(Object.fromEntries(described.rows.map((c) => [c.column_name, c.data_type])), {
      lines: 'STRUCT(line_number INTEGER, sku VARCHAR, quantity DOUBLE, unit_of_measure VARCHAR, lot_number VARCHAR, bin_location VARCHAR)[]',
      picker_id: 'VARCHAR',
    });
    // Old and new rows keep working through all_events and the views.
    assert.equal(await scalar(sink.openStore!, `SELECT count(*) FROM all_events WHERE shipment_id IN ('SHP-V1', 'SHP-V2')`), 2);
    assert.equal(await scalar(sink.openStore!, 'SELECT count(*) FROM event_freshness WHERE event_type = \'PickCompleted\''), 1);
  });

  it('dead-letters what it cannot store (bad bytes, a conflicting column type) and keeps going', async () => {
    const kafka = new Kafka({ brokers: platform.kafka.brokers, clientId: 'test-poison', logLevel: logLevel.NOTHING });
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({ topic: catalog.lifecycle.name, messages: [{ key: 'SHP-POISON', value: Buffer.from('not avro at all') }] });
    await raw.disconnect();
    // Another PickCompleted whose pickListId is an int: the table's VARCHAR column cannot take it.
    const other = isolatedSchemasCopy();
    other.edit('pick-completed.avsc', (s) => {
      s.fields.find((f: { name: string }) => f.name === 'pickListId').type = 'int';
    });
    const conflicting = await producerFor(p, catalog, other.dir);
    const bad = { ...build.PickCompleted({ occurredAt: '2026-03-02T10:00:00Z', shipmentId: 'SHP-INT' }), pickListId: 42 };
    await conflicting.producer.publish([{ eventType: 'PickCompleted', event: bad } as unknown as TypedEvent]);
    const okEvent = build.PickCompleted({ occurredAt: '2026-03-02T11:00:00Z', shipmentId: 'SHP-AFTER' });
    await p.eventProducer().then((e) => e.publish([{ eventType: 'PickCompleted', event: okEvent }]));
    await waitFor('the event after the bad ones', async () => (await scalar(sink.openStore!, `SELECT count(*) FROM events_pick_completed WHERE shipment_id = 'SHP-AFTER'`)) === 1, 30_000);
    assert.equal(await rows(), 3, 'neither bad record became a row');
    assert.equal(sink.stats.deadLettered, 2);
    const dead = await deadLetters(catalog.deadLetter.name, 2);
    assert.deepEqual(dead.map((h) => h[deadLetterHeaders.errorCode]).sort(), ['BAD_MAGIC_BYTE', 'SCHEMA_INCOMPATIBLE']);
    assert.ok(dead.every((h) => h[deadLetterHeaders.consumer] === 'analytics-sink'));
  });
});
