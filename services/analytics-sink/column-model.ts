/**
 * How Avro types become DuckDB column types, and decoded Avro values become column data.
 *
 * - boolean, int, long, float, double, string → BOOLEAN, INTEGER, BIGINT, FLOAT, DOUBLE, VARCHAR
 * - timestamp-millis → TIMESTAMPTZ (UTC); date → DATE; enum → VARCHAR (its symbol)
 * - bytes / fixed → VARCHAR holding base64 (rare in events; kept readable)
 * - ["null", T] → T, nullable
 * - record → STRUCT with snake_case field names (`destination.country_code`)
 * - array → LIST (`lines[1].sku`, `unnest(lines)`)
 * - map and multi-branch unions → JSON (`payload->>'$.key'`)
 */
import type avro from 'avsc';
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';

/** A DuckDB scalar type the sink uses. */
export type ScalarSql = 'BOOLEAN' | 'INTEGER' | 'BIGINT' | 'FLOAT' | 'DOUBLE' | 'VARCHAR' | 'TIMESTAMPTZ' | 'DATE' | 'JSON';

/** A column's type, as a tree the sink can compare and merge (never parsed from SQL text). */
export type ColType = { kind: 'scalar'; sql: ScalarSql } | { kind: 'struct'; fields: Array<{ name: string; type: ColType }> } | { kind: 'list'; item: ColType };

/** snake_case of a camelCase or PascalCase name: `proofOfDeliveryReceived` → `proof_of_delivery_received`, `ASNNumber` → `asn_number`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();
}

/** A double-quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The SQL text of a column type, usable in CREATE TABLE, ALTER TABLE and casts. */
export function sqlOf(t: ColType): string {
  switch (t.kind) {
    case 'scalar':
      return t.sql;
    case 'list':
      return `${sqlOf(t.item)}[]`;
    case 'struct':
      return `STRUCT(${t.fields.map((f) => `${ident(f.name)} ${sqlOf(f.type)}`).join(', ')})`;
  }
}

const scalar = (sql: ScalarSql): ColType => ({ kind: 'scalar', sql });

/** The non-null branches of a union, or the type itself. */
function nonNull(t: avro.Type): avro.Type[] {
  const branches = (t as unknown as { types?: avro.Type[] }).types;
  if (!t.typeName.startsWith('union')) return [t];
  return (branches ?? []).filter((b) => b.typeName !== 'null');
}

/** The column type of an Avro type (see the module comment for the mapping). */
export function colTypeOf(t: avro.Type): ColType {
  const name = t.typeName;
  if (name.startsWith('union')) {
    const branches = nonNull(t);
    return branches.length === 1 ? colTypeOf(branches[0]!) : scalar('JSON');
  }
  switch (name) {
    case 'boolean':
      return scalar('BOOLEAN');
    case 'int':
      return scalar('INTEGER');
    case 'long':
      return scalar('BIGINT');
    case 'float':
      return scalar('FLOAT');
    case 'double':
      return scalar('DOUBLE');
    case 'string':
    case 'enum':
    case 'bytes':
    case 'fixed':
      return scalar('VARCHAR');
    case 'logical:timestamp-millis':
      return scalar('TIMESTAMPTZ');
    case 'logical:date':
      return scalar('DATE');
    case 'map':
    case 'null':
      return scalar('JSON');
    case 'array':
      return { kind: 'list', item: colTypeOf((t as avro.types.ArrayType).itemsType) };
    case 'record':
    case 'error':
      return { kind: 'struct', fields: (t as avro.types.RecordType).fields.map((f) => ({ name: snakeCase(f.name), type: colTypeOf(f.type) })) };
    default:
      // Other logical types (uuid, decimal, ...) are stored as their underlying type.
      if (name.startsWith('logical:')) return colTypeOf((t as avro.types.LogicalType).underlyingType);
      return scalar('JSON');
  }
}

/** The ColType of an existing DuckDB column, read from DuckDB's own type object. */
export function colTypeOfDuckDb(t: DuckDBType): ColType {
  switch (t.typeId) {
    case DuckDBTypeId.STRUCT:
      return { kind: 'struct', fields: t.entryNames.map((name, i) => ({ name, type: colTypeOfDuckDb(t.entryTypes[i]!) })) };
    case DuckDBTypeId.LIST:
      return { kind: 'list', item: colTypeOfDuckDb(t.valueType) };
    case DuckDBTypeId.BOOLEAN:
      return scalar('BOOLEAN');
    case DuckDBTypeId.INTEGER:
      return scalar('INTEGER');
    case DuckDBTypeId.BIGINT:
      return scalar('BIGINT');
    case DuckDBTypeId.FLOAT:
      return scalar('FLOAT');
    case DuckDBTypeId.DOUBLE:
      return scalar('DOUBLE');
    case DuckDBTypeId.TIMESTAMP_TZ:
      return scalar('TIMESTAMPTZ');
    case DuckDBTypeId.DATE:
      return scalar('DATE');
    case DuckDBTypeId.VARCHAR:
      return scalar(t.alias === 'JSON' ? 'JSON' : 'VARCHAR');
    default:
      // A column someone created by hand with another type: only JSON-compatible writes go there.
      return scalar('JSON');
  }
}

const numericRank: Partial<Record<ScalarSql, number>> = { INTEGER: 1, BIGINT: 2, FLOAT: 2, DOUBLE: 3 };

/**
 * The narrowest type holding both `have` (the column) and `want` (a writer schema's field):
 * struct fields are unioned by name (never dropped), lists merge their items, numbers widen
 * along Avro's promotions (int → long → double, float → double), JSON holds anything.
 * Returns undefined when no such type exists (e.g. a string became a record).
 */
export function mergeColTypes(have: ColType, want: ColType): ColType | undefined {
  if (have.kind === 'scalar' && have.sql === 'JSON') return have;
  if (have.kind === 'struct' && want.kind === 'struct') {
    const fields = have.fields.map((f) => ({ ...f }));
    for (const w of want.fields) {
      const i = fields.findIndex((f) => f.name === w.name);
      if (i < 0) {
        fields.push(w);
        continue;
      }
      const merged = mergeColTypes(fields[i]!.type, w.type);
      if (!merged) return undefined;
      fields[i] = { name: w.name, type: merged };
    }
    return { kind: 'struct', fields };
  }
  if (have.kind === 'list' && want.kind === 'list') {
    const item = mergeColTypes(have.item, want.item);
    return item && { kind: 'list', item };
  }
  if (have.kind === 'scalar' && want.kind === 'scalar') {
    if (have.sql === want.sql) return have;
    const a = numericRank[have.sql];
    const b = numericRank[want.sql];
    if (a === undefined || b === undefined) return undefined;
    if (a === b) return scalar('DOUBLE'); // BIGINT and FLOAT: only DOUBLE holds both
    return a > b ? have : want;
  }
  return undefined;
}

/** True when both trees are the same type. */
export function sameColType(a: ColType, b: ColType): boolean {
  return sqlOf(a) === sqlOf(b);
}

/**
 * Converts a decoded Avro value into JSON-ready data shaped like `t`: records get snake_case
 * keys and every field of the (possibly wider) column type, timestamps become ISO strings,
 * bytes base64.
 */
export function toColumnData(avroType: avro.Type, value: unknown, t: ColType): unknown {
  if (value === null || value === undefined) return null;
  if (t.kind === 'scalar' && t.sql === 'JSON') return plain(value);
  const branches = nonNull(avroType);
  const at = branches.length === 1 ? branches[0]! : avroType;
  if (t.kind === 'struct') {
    const rec = at as avro.types.RecordType;
    const out: Record<string, unknown> = {};
    for (const f of t.fields) out[f.name] = null;
    for (const f of rec.fields ?? []) {
      const target = t.fields.find((x) => x.name === snakeCase(f.name));
      if (target) out[target.name] = toColumnData(f.type, (value as Record<string, unknown>)[f.name], target.type);
    }
    return out;
  }
  if (t.kind === 'list') {
    const items = (at as avro.types.ArrayType).itemsType;
    return (value as unknown[]).map((v) => toColumnData(items, v, t.item));
  }
  return plain(value);
}

/** A JSON-ready copy of an arbitrary decoded value (for JSON columns). */
function plain(value: unknown): unknown {
  // DuckDB reads years past 9999 without the sign that toISOString puts before them ("+010000-...").
  if (value instanceof Date) return value.toISOString().replace(/^\+/, '');
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
