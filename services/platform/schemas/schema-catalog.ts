import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { asciiViewTypeHook } from '../codec/ascii-string-view.ts';
import { logicalTypes } from './logical-types.ts';

/** The repository's schemas/ folder: the single source of truth for event types. */
export const defaultSchemasDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schemas');

/** Avro JSON of one named type, as written in a .avsc file. */
export type AvroJson = { type: string; name?: string; namespace?: string; [k: string]: unknown };

/** One event type of the canonical model. */
export interface EventSchema {
  /** Simple record name, also `envelope.eventType`, e.g. "PickCompleted". */
  eventType: string;
  /** Fully qualified record name, also the registry subject (RecordNameStrategy). */
  fullName: string;
  /** Self-contained schema: shared types inlined at first use, so the registry needs no references. */
  schema: AvroJson;
  /** Parsed avsc type with the backbone's logical types (timestamps as Date, dates as "YYYY-MM-DD"). */
  type: avro.Type;
  /** File the schema came from, relative to the schemas folder. */
  file: string;
}

const primitives = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

function fullNameOf(json: AvroJson): string {
  if (!json.name) throw new Error('named type without a name');
  return json.name.includes('.') || !json.namespace ? json.name : `${json.namespace}.${json.name}`;
}

function readNamed(dir: string): Map<string, { json: AvroJson; file: string }> {
  const out = new Map<string, { json: AvroJson; file: string }>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.avsc')).sort()) {
    const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as AvroJson;
    out.set(fullNameOf(json), { json, file: path.join(path.basename(dir), file) });
  }
  return out;
}

/**
 * Returns `schema` with every reference to a shared named type replaced by its definition at
 * its first occurrence (Avro requires later uses to stay references).
 */
function inline(schema: unknown, shared: Map<string, { json: AvroJson }>, seen: Set<string>, namespace?: string): unknown {
  if (typeof schema === 'string') {
    if (primitives.has(schema)) return schema;
    const full = schema.includes('.') || !namespace ? schema : `${namespace}.${schema}`;
    const def = shared.get(full) ?? shared.get(schema);
    if (!def) throw new Error(`unknown type "${schema}"`);
    const name = fullNameOf(def.json);
    if (seen.has(name)) return name;
    return inline(def.json, shared, seen, namespace);
  }
  if (Array.isArray(schema)) return schema.map((s) => inline(s, shared, seen, namespace));
  if (schema && typeof schema === 'object') {
    const obj = schema as AvroJson;
    if (obj.name && ['record', 'enum', 'fixed', 'error'].includes(obj.type)) {
      const name = fullNameOf(obj);
      seen.add(name);
      namespace = name.slice(0, name.lastIndexOf('.')) || namespace;
    }
    const copy: AvroJson = { ...obj };
    if (obj.type === 'record' || obj.type === 'error') {
      copy.fields = (obj.fields as Array<{ type: unknown }>).map((f) => ({ ...f, type: inline(f.type, shared, seen, namespace) }));
    } else if (obj.type === 'array') {
      copy.items = inline(obj.items, shared, seen, namespace);
    } else if (obj.type === 'map') {
      copy.values = inline(obj.values, shared, seen, namespace);
    }
    return copy;
  }
  throw new Error(`not an Avro schema: ${JSON.stringify(schema)}`);
}

/** Parses a self-contained schema with the backbone's logical types (and strings read by `withStringView`). */
export function parseSchema(schema: unknown): avro.Type {
  return avro.Type.forSchema(schema as avro.Schema, { logicalTypes, registry: {}, typeHook: asciiViewTypeHook });
}

/** Loads every event type from `schemas/events`, with shared types from `schemas/common`. */
export function loadEventSchemas(dir = defaultSchemasDir): Map<string, EventSchema> {
  const shared = readNamed(path.join(dir, 'common'));
  const events = readNamed(path.join(dir, 'events'));
  const out = new Map<string, EventSchema>();
  for (const [fullName, { json, file }] of events) {
    const schema = inline(json, shared, new Set()) as AvroJson;
    const eventType = fullName.slice(fullName.lastIndexOf('.') + 1);
    out.set(eventType, { eventType, fullName, schema, type: parseSchema(schema), file });
  }
  return out;
}
