import type { z } from 'zod';
import { ValidationError } from '../errors/backbone-error.ts';
import type { TypedEvent } from '../events/canonical-event.ts';
import type { MappingContext } from './mapping-context.ts';

/**
 * One kind of vendor message (a WMS pick confirmation, a carrier's X12 214, ...): how to
 * validate it and which canonical events it becomes. Mappings are pure functions: no I/O.
 */
export interface VendorMapping<T = any> {
  /** One line for docs and logs, e.g. "pick.confirmed → PickCompleted". */
  description: string;
  /**
   * Validates a decoded body (a JSON value, or a parsed X12 transaction set). Throws a
   * ValidationError (answered 422) listing every field path, or naming an unknown code.
   */
  validate(body: unknown): T;
  /** The vendor's id of this delivery: with the source system, the de-duplication key. */
  vendorEventId(value: T): string;
  /** A correlation id the body carries, if any (a request header takes precedence). */
  correlationId?(value: T): string | undefined;
  /** The canonical events of this delivery, in order (usually one). */
  map(value: T, ctx: MappingContext): TypedEvent[];
}

/** Turns zod issues into the backbone's ValidationError, one issue per field path. */
export function zodValidate<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new ValidationError(`invalid ${what}: ${issues.map((i) => i.path || '(root)').join(', ')}`, issues);
}

/** A mapping whose body is validated by a zod schema. */
export function zodMapping<S extends z.ZodType>(m: {
  description: string;
  schema: S;
  vendorEventId: (v: z.infer<S>) => string;
  correlationId?: (v: z.infer<S>) => string | undefined;
  map: (v: z.infer<S>, ctx: MappingContext) => TypedEvent[];
}): VendorMapping<z.infer<S>> {
  return {
    description: m.description,
    validate: (body) => zodValidate(m.schema, body, m.description.split(' ')[0] ?? 'body'),
    vendorEventId: m.vendorEventId,
    correlationId: m.correlationId,
    map: m.map,
  };
}

/**
 * Looks a vendor code up in a mapping table; an unknown code is a 422 naming the code and
 * the field, never a silent default.
 */
export function lookupCode<V>(table: Readonly<Record<string, V>>, code: string, path: string, what: string): V {
  const v = Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
  if (v === undefined) {
    throw new ValidationError(`unknown ${what} "${code}"`, [{ path, message: `unknown ${what} "${code}"; known: ${Object.keys(table).join(', ')}` }], 'UNKNOWN_CODE');
  }
  return v;
}
