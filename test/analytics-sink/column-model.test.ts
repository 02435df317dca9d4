import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { colTypeOf, mergeColTypes, snakeCase, sqlOf, toColumnData, type ColType } from '../../services/analytics-sink/column-model.ts';
import { layoutOf } from '../../services/analytics-sink/table-layout.ts';
import { parseSchema } from '../../services/platform/schemas/schema-catalog.ts';

const s = (sql: 'INTEGER' | 'BIGINT' | 'FLOAT' | 'DOUBLE' | 'VARCHAR' | 'JSON'): ColType => ({ kind: 'scalar', sql });

describe('analytics column model', () => {
  it('names tables and columns in snake_case', () => {
    assert.deepEqual(['ProofOfDeliveryReceived', 'asnNumber', 'ASNNumber', 'etaWindowStart'].map(snakeCase), ['proof_of_delivery_received', 'asn_number', 'asn_number', 'eta_window_start']);
  });

  it('maps Avro types to DuckDB types: optional scalars, logical types, records, arrays, unions, maps', () => {
    const t = parseSchema({
      type: 'record',
      name: 'X',
      fields: [
        { name: 'at', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }] },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        { name: 'kind', type: { type: 'enum', name: 'K', symbols: ['A', 'B'] } },
        { name: 'items', type: { type: 'array', items: { type: 'record', name: 'I', fields: [{ name: 'skuCode', type: 'string' }, { name: 'qty', type: 'double' }] } } },
        { name: 'either', type: ['string', 'int'] },
        { name: 'attrs', type: { type: 'map', values: 'string' } },
      ],
    }) as unknown as { fields: Array<{ name: string; type: Parameters<typeof colTypeOf>[0] }> };
    assert.deepEqual(
      t.fields.map((f) => `${f.name} ${sqlOf(colTypeOf(f.type))}`),
      ['at TIMESTAMPTZ', 'day DATE', 'kind VARCHAR', 'items STRUCT("sku_code" VARCHAR, "qty" DOUBLE)[]', 'either JSON', 'attrs JSON'],
    );
  });

  it('widens along Avro promotions, unions struct fields, and refuses what no column can hold', () => {
    assert.deepEqual(mergeColTypes(s('INTEGER'), s('BIGINT')), s('BIGINT'));
    assert.deepEqual(mergeColTypes(s('BIGINT'), s('INTEGER')), s('BIGINT'), 'an older writer never narrows a column');
    assert.deepEqual(mergeColTypes(s('BIGINT'), s('FLOAT')), s('DOUBLE'));
    assert.equal(mergeColTypes(s('VARCHAR'), s('INTEGER')), undefined);
    assert.equal(mergeColTypes(s('VARCHAR'), { kind: 'struct', fields: [] }), undefined);
    assert.deepEqual(mergeColTypes(s('JSON'), s('INTEGER')), s('JSON'));
    const v1: ColType = { kind: 'list', item: { kind: 'struct', fields: [{ name: 'a', type: s('INTEGER') }, { name: 'b', type: s('VARCHAR') }] } };
    const v2: ColType = { kind: 'list', item: { kind: 'struct', fields: [{ name: 'a', type: s('BIGINT') }, { name: 'c', type: s('DOUBLE') }] } };
    assert.equal(sqlOf(mergeColTypes(v1, v2)!), 'STRUCT("a" BIGINT, "b" VARCHAR, "c" DOUBLE)[]', 'b is kept although v2 dropped it');
  });

  it('shapes nested values like the (wider) column: snake_case keys, missing fields as null, ISO timestamps', () => {
    const item = parseSchema({ type: 'record', name: 'I', fields: [{ name: 'skuCode', type: 'string' }, { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }] });
    const column: ColType = { kind: 'struct', fields: [{ name: 'sku_code', type: s('VARCHAR') }, { name: 'at', type: { kind: 'scalar', sql: 'TIMESTAMPTZ' } }, { name: 'bin', type: s('VARCHAR') }] };
    assert.deepEqual(toColumnData(item, { skuCode: 'S-1', at: new Date('2026-03-02T08:00:00Z') }, column), { sku_code: 'S-1', at: '2026-03-02T08:00:00.000Z', bin: null });
  });

  it('prefixes a payload field that shares its name with an envelope column', async () => {
    const { loadEventSchemas } = await import('../../services/platform/schemas/schema-catalog.ts');
    const layout = layoutOf(loadEventSchemas().get('ShipmentPlanned')!.type);
    assert.equal(layout.table, 'events_shipment_planned');
    const names = layout.columns.map((c) => c.name);
    assert.deepEqual(names.slice(0, 18), [
      'event_id', 'event_type', 'occurred_at', 'recorded_at', 'source_kind', 'source_system', 'vendor_event_id', 'correlation_id', 'causation_id',
      'shipment_id', 'order_id', 'warehouse_id', 'carrier_code', 'tracking_number', 'topic', 'partition', 'offset', 'schema_id',
    ]);
    assert.ok(names.includes('payload_carrier_code'));
    assert.equal(names.filter((n) => n === 'carrier_code').length, 1);
  });
});
