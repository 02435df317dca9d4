import type avro from 'avsc';
import type { RegistryClient } from '../codec/registry-client.ts';
import { parseSchema, type EventSchema } from './schema-catalog.ts';

/** One reason a new schema cannot read data written with an older one. */
export interface CompatibilityIssue {
  /** Dotted path of the field, e.g. "lines[].quantity"; "" for the record itself. */
  field: string;
  reason: string;
}

type AvroField = { name: string; type: avro.Type; aliases?: string[]; defaultValue(): unknown };
type RecordLike = avro.Type & { fields: AvroField[] };

function isRecord(t: avro.Type): t is RecordLike {
  return t.typeName === 'record' || t.typeName === 'error';
}

function hasDefault(f: AvroField): boolean {
  // avsc returns undefined for "no default"; a null default is a real default.
  return f.defaultValue() !== undefined;
}

/**
 * BACKWARD check of one pair: can `reader` (the new schema) read data written with `writer`
 * (an older one)? Walks records field by field so every problem names its field; leaf types
 * are judged by avsc's own schema resolution.
 */
export function backwardIssues(reader: avro.Type, writer: avro.Type, path = ''): CompatibilityIssue[] {
  if (isRecord(reader) && isRecord(writer)) {
    const issues: CompatibilityIssue[] = [];
    for (const rf of reader.fields) {
      const names = [rf.name, ...(rf.aliases ?? [])];
      const wf = writer.fields.find((f) => names.includes(f.name));
      const fieldPath = path ? `${path}.${rf.name}` : rf.name;
      if (!wf) {
        if (!hasDefault(rf)) issues.push({ field: fieldPath, reason: 'required by the reading schema (no default) but missing from the writing schema: its data has no value for it' });
        continue;
      }
      issues.push(...backwardIssues(rf.type, wf.type, fieldPath));
    }
    return issues;
  }
  const items = (t: avro.Type) => (t as unknown as { itemsType?: avro.Type }).itemsType;
  if (reader.typeName === 'array' && writer.typeName === 'array' && items(reader) && items(writer)) {
    return backwardIssues(items(reader)!, items(writer)!, `${path}[]`);
  }
  try {
    reader.createResolver(writer);
    return [];
  } catch (err) {
    return [{ field: path, reason: (err as Error).message }];
  }
}

/** The verdict for one subject. */
export interface SubjectCheck {
  subject: string;
  eventType: string;
  /** "new": nothing registered yet; "unchanged": identical to a registered version. */
  status: 'new' | 'unchanged' | 'compatible' | 'incompatible';
  /** Problems per registered version the working-tree schema cannot read. */
  issues: Array<CompatibilityIssue & { version: number }>;
}

/**
 * Checks working-tree schemas against everything the registry holds, transitively: the new
 * schema must read data written with every registered version (BACKWARD_TRANSITIVE), which is
 * what replaying old events needs. Nothing is registered.
 */
export async function checkSchemas(registry: RegistryClient, schemas: Iterable<EventSchema>): Promise<SubjectCheck[]> {
  const out: SubjectCheck[] = [];
  for (const s of schemas) {
    const versions = await registry.versions(s.fullName);
    if (versions.length === 0) {
      out.push({ subject: s.fullName, eventType: s.eventType, status: 'new', issues: [] });
      continue;
    }
    const issues: SubjectCheck['issues'] = [];
    let unchanged = false;
    const canonical = JSON.stringify(parseSchema(s.schema).schema());
    for (const v of versions) {
      const registered = await registry.version(s.fullName, v);
      const writer = parseSchema(JSON.parse(registered.schema));
      if (JSON.stringify(writer.schema()) === canonical) unchanged = true;
      for (const i of backwardIssues(s.type, writer)) issues.push({ ...i, version: v });
    }
    out.push({ subject: s.fullName, eventType: s.eventType, status: issues.length > 0 ? 'incompatible' : unchanged ? 'unchanged' : 'compatible', issues });
  }
  return out;
}
