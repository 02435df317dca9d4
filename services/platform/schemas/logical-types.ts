import avro from 'avsc';

/** The largest distance from the epoch a Date holds, in ms (ECMAScript's time value range). */
const MAX_DATE_MS = 8.64e15;

/** `timestamp-millis` on a long, as a JavaScript Date (UTC). */
class TimestampMillis extends avro.types.LogicalType {
  override _fromValue(val: number | Date): Date {
    if (typeof val !== 'number') return val;
    // A long past what a Date holds (±8.64e15 ms) is a decode error, not an Invalid Date passed on.
    if (!(val >= -MAX_DATE_MS && val <= MAX_DATE_MS)) throw new RangeError(`timestamp-millis ${val} is outside the range of a date`);
    return new Date(val);
  }
  override _toValue(date: unknown): number | undefined {
    if (date instanceof Date) return date.getTime();
    if (typeof date === 'number') return date;
    return undefined;
  }
  override _resolve(type: avro.Type) {
    if (avro.Type.isType(type, 'long', 'logical:timestamp-millis')) return this._fromValue.bind(this);
    return undefined;
  }
}

const DAY_MS = 86_400_000;

/** `date` on an int (days since 1970-01-01), as an ISO calendar date string "YYYY-MM-DD". */
class DateOnly extends avro.types.LogicalType {
  override _fromValue(days: number | string): string {
    if (typeof days === 'string') return days;
    // Years past 9999 print as "+010000-01-01T...": keep the whole date part, as "10000-01-01".
    const iso = new Date(days * DAY_MS).toISOString();
    return iso.slice(0, iso.indexOf('T')).replace(/^\+0*(\d{5,})/, '$1');
  }
  override _toValue(value: unknown): number | undefined {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
    const ms = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(ms) ? undefined : Math.round(ms / DAY_MS);
  }
  override _resolve(type: avro.Type) {
    if (avro.Type.isType(type, 'int', 'logical:date')) return this._fromValue.bind(this);
    return undefined;
  }
}

/** Logical types the backbone's codec understands; `uuid` stays a plain string. */
export const logicalTypes = {
  'timestamp-millis': TimestampMillis,
  date: DateOnly,
} as unknown as Record<string, new (schema: avro.Schema, opts?: avro.ForSchemaOptions) => avro.types.LogicalType>;
