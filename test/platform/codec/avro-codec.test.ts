import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AvroEventCodec } from '../../../services/platform/codec/avro-codec.ts';
import { RegistryClient } from '../../../services/platform/codec/registry-client.ts';
import { DecodeError, RegistryUnavailableError } from '../../../services/platform/errors/backbone-error.ts';
import { loadEventSchemas } from '../../../services/platform/schemas/schema-catalog.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';
import { isolatedSchemasCopy } from '../../support/schema-variants.ts';
import { testPlatformConfig } from '../../support/test-env.ts';

const registryUrl = testPlatformConfig().registry.url;

/** Registers a schema set and returns a codec over it. */
async function codecFor(dir: string): Promise<AvroEventCodec> {
  const registry = new RegistryClient(registryUrl);
  const schemas = loadEventSchemas(dir);
  for (const s of schemas.values()) await registry.register(s.fullName, s.schema);
  return new AvroEventCodec(registry, schemas);
}

describe('AvroEventCodec with the real registry', () => {
  it('round-trips a typed event in the Confluent wire format', async () => {
    const copy = isolatedSchemasCopy();
    const codec = await codecFor(copy.dir);
    const event = pickCompletedEvent();
    const bytes = await codec.encode('PickCompleted', event);
    assert.equal(bytes[0], 0, 'magic byte');
    const id = bytes.readUInt32BE(1);
    assert.equal(id, await codec.writerId('PickCompleted'));
    const decoded = await codec.decode(bytes);
    assert.equal(decoded.eventType, 'PickCompleted');
    assert.equal(decoded.writerSchemaId, id);
    // avsc decodes into record class instances: compare the data, not the prototypes.
    assert.equal(JSON.stringify(decoded.event), JSON.stringify(event));
    assert.ok((decoded.event as typeof event).envelope.occurredAt instanceof Date, 'timestamps decode as Date');
  });

  it('decodes writer -> reader: a v1 reader reads v2 events, ignoring the new field', async () => {
    const copy = isolatedSchemasCopy();
    const v1 = await codecFor(copy.dir);
    copy.edit('pick-completed.avsc', (s) => s.fields.push({ name: 'zone', type: ['null', 'string'], default: null, doc: 'v2 field' }));
    const v2 = await codecFor(copy.dir);
    const event = { ...pickCompletedEvent(), zone: 'A-12' };
    const bytes = await v2.encode('PickCompleted', event);
    assert.notEqual(bytes.readUInt32BE(1), await v1.writerId('PickCompleted'), 'v2 has its own schema id');
    const decoded = await v1.decode<Record<string, unknown>>(bytes);
    assert.equal('zone' in decoded.event, false);
    assert.equal((decoded.event.envelope as { eventId: string }).eventId, event.envelope.eventId);
    // And a v2 reader reads v1 data with the default.
    const old = await v1.encode('PickCompleted', pickCompletedEvent());
    assert.equal((await v2.decode<Record<string, unknown>>(old)).event.zone, null);
  });

  it('encodes and decodes without a promise once the schema id is known, as encode and decode do', async () => {
    const copy = isolatedSchemasCopy();
    const codec = await codecFor(copy.dir);
    const event = pickCompletedEvent();
    assert.equal(codec.encodeKnown('PickCompleted', event), undefined, 'id not looked up yet');
    const bytes = await codec.encode('PickCompleted', event);
    const known = codec.encodeKnown('PickCompleted', event);
    assert.deepEqual(known, bytes);
    // A second codec (another process) has not seen the writer's id yet.
    const reader = await codecFor(copy.dir);
    assert.equal(reader.decodeKnown(bytes), undefined, 'writer schema not looked up yet');
    const decoded = await reader.decode(bytes);
    assert.deepEqual(reader.decodeKnown(bytes), decoded);
    const bad = pickCompletedEvent() as unknown as { lines: Array<{ quantity: unknown }> };
    bad.lines[0]!.quantity = 'three';
    assert.throws(() => codec.encodeKnown('PickCompleted', bad), (e: unknown) => e instanceof DecodeError && e.code === 'EVENT_INVALID');
  });

  it('refuses an event that does not match its schema, naming the field', async () => {
    const codec = await codecFor(isolatedSchemasCopy().dir);
    const bad = pickCompletedEvent() as unknown as { lines: Array<{ quantity: unknown }> };
    bad.lines[0]!.quantity = 'three';
    await assert.rejects(codec.encode('PickCompleted', bad), (e: unknown) => e instanceof DecodeError && e.code === 'EVENT_INVALID' && /lines\.0\.quantity/.test(e.message));
  });

  it('classifies undecodable bytes with stable, non-retriable codes', async () => {
    const codec = await codecFor(isolatedSchemasCopy().dir);
    const good = await codec.encode('PickCompleted', pickCompletedEvent());
    const cases: Array<[string, Buffer | null, string]> = [
      ['empty value', null, 'TRUNCATED_RECORD'],
      ['wrong magic byte', Buffer.from([1, ...good.subarray(1)]), 'BAD_MAGIC_BYTE'],
      ['plain JSON', Buffer.from('{"eventId":"x"}'), 'BAD_MAGIC_BYTE'],
      ['unknown schema id', Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0]), good.subarray(5)]), 'UNKNOWN_SCHEMA_ID'],
      ['truncated Avro body', good.subarray(0, good.length - 10), 'AVRO_DECODE_FAILED'],
    ];
    for (const [name, bytes, code] of cases) {
      await assert.rejects(codec.decode(bytes), (e: unknown) => {
        assert.ok(e instanceof DecodeError, `${name}: ${String(e)}`);
        assert.equal(e.code, code, name);
        assert.equal(e.retriable, false, name);
        return true;
      });
    }
  });

  it('reports an unreachable registry as a retriable outage', async () => {
    const codec = new AvroEventCodec(new RegistryClient('http://127.0.0.1:1/apis/ccompat/v7'), loadEventSchemas());
    await assert.rejects(codec.encode('PickCompleted', pickCompletedEvent()), (e: unknown) => e instanceof RegistryUnavailableError && e.retriable);
    await assert.rejects(codec.decode(Buffer.from([0, 0, 0, 0, 1, 2])), (e: unknown) => e instanceof RegistryUnavailableError && e.retriable);
  });
});
