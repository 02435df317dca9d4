/**
 * The table an event type lands in, derived from a writer schema: the envelope flattened into
 * fixed columns, the Kafka coordinates, then one column per payload field.
 */
import type avro from 'avsc';
import { DecodeError } from '../platform/errors/backbone-error.ts';
import { colTypeOf, snakeCase, type ColType } from './column-model.ts';

/** Where a record was read from, stored next to the event. */
export interface RecordMeta {
  topic: string;
  partition: number;
  offset: string;
  schemaId: number;
}

/** One column of an event table and how to read its value from a decoded event. */
export interface ColumnSpec {
  name: string;
  /** The type this writer schema needs; the table's column may be wider (see mergeColTypes). */
  type: ColType;
  /** Avro type of the value, for nested conversion; absent for Kafka coordinates. */
  avroType?: avro.Type;
  read(event: Record<string, unknown>, meta: RecordMeta): unknown;
}

/** The table and columns of one writer schema. */
export interface TableLayout {
  eventType: string;
  table: string;
  columns: ColumnSpec[];
}

/** Envelope and coordinate columns every event table has, in this order; all_events selects exactly these. */
export const envelopeColumns = [
  'event_id',
  'event_type',
  'occurred_at',
  'recorded_at',
  'source_kind',
  'source_system',
  'vendor_event_id',
  'correlation_id',
  'causation_id',
  'shipment_id',
  'order_id',
  'warehouse_id',
  'carrier_code',
  'tracking_number',
  'topic',
  'partition',
  'offset',
  'schema_id',
] as const;

/** Table name of an event type: `events_` + snake_case (PickCompleted → events_pick_completed). */
export function tableOf(eventType: string): string {
  return `events_${snakeCase(eventType)}`;
}

/** Column name of a field of a record nested in the envelope (`source.kind` → `source_kind`). */
function nestedEnvelopeColumn(parent: string, field: string): string {
  if (parent === 'source' && field === 'vendorEventId') return 'vendor_event_id';
  return `${snakeCase(parent)}_${snakeCase(field)}`;
}

const scalarOf = (sql: 'VARCHAR' | 'INTEGER' | 'BIGINT'): ColType => ({ kind: 'scalar', sql });

/** The writer's record type, checked to be a canonical event (a record whose first field is the envelope). */
function envelopeOf(writer: avro.Type): avro.types.RecordType {
  const fields = (writer as avro.types.RecordType).fields;
  const env = fields?.find((f) => f.name === 'envelope')?.type;
  if (writer.typeName !== 'record' || !env || env.typeName !== 'record') {
    throw new DecodeError('NOT_A_CANONICAL_EVENT', `schema ${writer.name ?? '(anonymous)'} is not a canonical event: it has no envelope record`);
  }
  const names = new Set((env as avro.types.RecordType).fields.map((f) => f.name));
  for (const required of ['eventId', 'eventType', 'occurredAt', 'recordedAt']) {
    if (!names.has(required)) throw new DecodeError('NOT_A_CANONICAL_EVENT', `schema ${writer.name} has no envelope.${required}`);
  }
  return env as avro.types.RecordType;
}

/**
 * The layout of a writer schema. Envelope fields become columns (records in the envelope, such
 * as `source`, are flattened one level); payload fields keep their snake_case name, prefixed
 * `payload_` when it would clash with an envelope column (ShipmentPlanned.carrierCode →
 * payload_carrier_code). Fields the writer has and the repository's schema lacks still get a column.
 */
export function layoutOf(writer: avro.Type): TableLayout {
  const env = envelopeOf(writer);
  const fullName = writer.name ?? '';
  const eventType = fullName.slice(fullName.lastIndexOf('.') + 1);
  const columns: ColumnSpec[] = [];
  const envelopeOrder = new Map<string, number>(envelopeColumns.map((c, i) => [c, i]));
  for (const f of env.fields) {
    if (f.type.typeName === 'record') {
      for (const g of (f.type as avro.types.RecordType).fields) {
        columns.push({
          name: nestedEnvelopeColumn(f.name, g.name),
          type: colTypeOf(g.type),
          avroType: g.type,
          read: (e) => ((e.envelope as Record<string, Record<string, unknown> | null>)[f.name] ?? {})[g.name],
        });
      }
    } else {
      columns.push({ name: snakeCase(f.name), type: colTypeOf(f.type), avroType: f.type, read: (e) => (e.envelope as Record<string, unknown>)[f.name] });
    }
  }
  columns.push(
    { name: 'topic', type: scalarOf('VARCHAR'), read: (_e, m) => m.topic },
    { name: 'partition', type: scalarOf('INTEGER'), read: (_e, m) => m.partition },
    { name: 'offset', type: scalarOf('BIGINT'), read: (_e, m) => Number(m.offset) },
    { name: 'schema_id', type: scalarOf('INTEGER'), read: (_e, m) => m.schemaId },
  );
  // Standard envelope columns first, in their documented order; extra envelope fields after them.
  columns.sort((a, b) => (envelopeOrder.get(a.name) ?? envelopeColumns.length) - (envelopeOrder.get(b.name) ?? envelopeColumns.length));
  const taken = new Set(columns.map((c) => c.name));
  for (const f of (writer as avro.types.RecordType).fields) {
    if (f.name === 'envelope') continue;
    let name = snakeCase(f.name);
    if (taken.has(name)) name = `payload_${name}`;
    taken.add(name);
    columns.push({ name, type: colTypeOf(f.type), avroType: f.type, read: (e) => e[f.name] });
  }
  return { eventType, table: tableOf(eventType), columns };
}
