import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { eventTypeNames } from '../../../services/platform/events/canonical-event.ts';
import { loadEventSchemas } from '../../../services/platform/schemas/schema-catalog.ts';
import { generateEventTypes, generatedTypesFile } from '../../../services/platform/schemas/typescript-types.ts';
import { TopicCatalog } from '../../../services/platform/kafka/topic-catalog.ts';

const required = [
  'OrderReleased', 'InventoryAllocated', 'PickCompleted', 'PackCompleted', 'ShipmentPlanned', 'ShipmentDispatched',
  'InTransit', 'EtaUpdated', 'DeliveryException', 'ProofOfDeliveryReceived', 'ShipmentNoticeReceived', 'ReturnReceived',
];

describe('canonical schemas', () => {
  const schemas = loadEventSchemas();

  it('define every required event type', () => {
    for (const t of required) assert.ok(schemas.has(t), `missing ${t}`);
  });

  it('start every event with the shared envelope', () => {
    for (const s of schemas.values()) {
      const first = (s.schema.fields as Array<{ name: string; type: { name?: string } }>)[0]!;
      assert.equal(first.name, 'envelope', s.eventType);
      assert.equal(first.type.name, 'Envelope', s.eventType);
    }
  });

  it('document every record, enum and field', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, where));
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, any>;
      if ((o.type === 'record' || o.type === 'enum') && !o.doc) undocumented.push(`${where}:${o.name}`);
      for (const f of o.fields ?? []) {
        if (!f.doc) undocumented.push(`${where}:${o.name}.${f.name}`);
        walk(f.type, where);
      }
      if (o.items) walk(o.items, where);
    };
    for (const s of schemas.values()) walk(s.schema, s.file);
    assert.deepEqual(undocumented, []);
  });

  it('round-trip random values of every event type', () => {
    for (const s of schemas.values()) {
      for (let i = 0; i < 20; i++) {
        const bytes = s.type.toBuffer(s.type.random());
        assert.deepEqual(s.type.toBuffer(s.type.fromBuffer(bytes)), bytes, s.eventType);
      }
    }
  });

  it('have committed TypeScript types that match the schemas (npm run schemas:types)', () => {
    const committed = readFileSync(generatedTypesFile, 'utf8');
    assert.equal(generateEventTypes(schemas), committed, 'generated-types.ts is stale: run npm run schemas:types');
    assert.deepEqual([...eventTypeNames].sort(), [...schemas.keys()].sort());
  });

  it('are each carried by exactly one declared topic', () => {
    const topics = TopicCatalog.load();
    for (const t of schemas.keys()) assert.equal(topics.topicFor(t).name, 'logistics.shipment.lifecycle.v1');
  });
});
