import { toTypeScript } from '@ovotech/avro-ts';
import type { EventSchema } from './schema-catalog.ts';

/** Where the generated event types live (committed, and checked by a test to match schemas/). */
export const generatedTypesFile = new URL('../events/generated-types.ts', import.meta.url);

/**
 * TypeScript types for every event type, generated from the Avro schemas with @ovotech/avro-ts,
 * so there is never a hand-maintained second definition of an event.
 */
export function generateEventTypes(schemas: Map<string, EventSchema>): string {
  const ordered = [...schemas.values()].sort((a, b) => a.eventType.localeCompare(b.eventType));
  // One union of all events: shared named types are emitted once, in a namespace per Avro namespace.
  // avro-ts drives a TypeScript 4 compiler API that warns about its own deprecated factory
  // calls on every run; the warnings say nothing about our schemas, so they are muted here.
  const warn = console.warn;
  console.warn = () => undefined;
  let body: string;
  try {
    body = toTypeScript(inlineOnce(ordered.map((s) => s.schema)) as never, {
      logicalTypes: { 'timestamp-millis': 'Date', date: 'string' },
    } as never);
  } finally {
    console.warn = warn;
  }
  const names = ordered.map((s) => s.eventType);
  return [
    '// Generated from schemas/ by `npm run schemas:types`. Do not edit: change the .avsc files instead.',
    body.trim(),
    '',
    '/** Name of every canonical event type. */',
    `export const eventTypeNames = ${JSON.stringify(names)} as const;`,
    '',
    '/** Each event type name mapped to its TypeScript type. */',
    'export interface EventTypeMap {',
    ...ordered.map((s) => `  ${s.eventType}: IoLogisticsEvents.${s.eventType};`),
    '}',
    '',
  ].join('\n');
}

/** In a union, a named type may be defined only once: later definitions become references. */
function inlineOnce(schemas: unknown[]): unknown[] {
  const seen = new Set<string>();
  const walk = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(walk);
    if (s && typeof s === 'object') {
      const o = s as Record<string, unknown>;
      if (typeof o.name === 'string' && ['record', 'enum', 'fixed'].includes(o.type as string)) {
        const full = o.name.includes('.') ? o.name : `${o.namespace}.${o.name}`;
        if (seen.has(full)) return full;
        seen.add(full);
      }
      const copy: Record<string, unknown> = { ...o };
      if (Array.isArray(o.fields)) copy.fields = (o.fields as Array<Record<string, unknown>>).map((f) => ({ ...f, type: walk(f.type) }));
      if (o.items !== undefined) copy.items = walk(o.items);
      if (o.values !== undefined) copy.values = walk(o.values);
      if (typeof o.type === 'object') copy.type = walk(o.type);
      return copy;
    }
    return s;
  };
  return schemas.map(walk);
}
