import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Envelope, EventTypeName, IoLogisticsCommon, TypedEvent } from '../../services/platform/events/canonical-event.ts';
import type { BodyRouter } from '../../services/platform/ingest/body-router.ts';
import { MappingContext } from '../../services/platform/ingest/mapping-context.ts';
import { loadEventSchemas } from '../../services/platform/schemas/schema-catalog.ts';

/** The fixed receipt time of every mapping test. */
export const RECEIVED_AT = new Date('2026-11-22T10:00:00Z');

/** The fixed mapping context of the tests: vendor id "vendor-id", received at RECEIVED_AT. */
export function testContext(kind: IoLogisticsCommon.SourceKind, system: string): MappingContext {
  return new MappingContext({ kind, system }, 'vendor-id', RECEIVED_AT);
}

/** Text of a vendor fixture under test/fixtures/vendors/. */
export function fixtureText(relative: string): string {
  return readFileSync(new URL(`../fixtures/vendors/${relative}`, import.meta.url), 'utf8');
}

/** A JSON vendor fixture, parsed (a fresh copy each call, so tests may mutate it). */
export function fixtureJson(relative: string): Record<string, any> {
  return JSON.parse(fixtureText(relative)) as Record<string, any>;
}

/** What a body becomes through a router and its mapping. */
export interface MappedDelivery {
  kind: string;
  vendorEventId: string;
  correlationId: string | undefined;
  events: TypedEvent[];
}

/** Routes, validates and maps a raw body exactly as the webhook ingress does, with a given context. */
export function mapBody(router: BodyRouter, raw: string | object, contentType: string, ctx: MappingContext): MappedDelivery {
  const buf = Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw));
  const { kind, mapping, body } = router.route(buf, contentType);
  const value = mapping.validate(body);
  return { kind, vendorEventId: mapping.vendorEventId(value), correlationId: mapping.correlationId?.(value), events: mapping.map(value, ctx) };
}

/** Envelope fields a test states; the rest comes from the test context. */
export type ExpectedEnvelope = Partial<Omit<Envelope, 'eventId' | 'eventType' | 'source' | 'recordedAt'>> & Pick<Envelope, 'occurredAt'>;

/** The envelope the n-th event of a delivery mapped with testContext(kind, system) must carry. */
export function expectedEnvelope(kind: IoLogisticsCommon.SourceKind, system: string, n: number, eventType: EventTypeName, f: ExpectedEnvelope): Envelope {
  const eventId = testContext(kind, system).eventIdAt(n);
  return {
    eventId,
    eventType,
    occurredAt: f.occurredAt,
    recordedAt: RECEIVED_AT,
    source: { kind, system, vendorEventId: 'vendor-id' },
    correlationId: f.correlationId ?? eventId,
    causationId: f.causationId ?? null,
    shipmentId: f.shipmentId ?? null,
    orderId: f.orderId ?? null,
    warehouseId: f.warehouseId ?? null,
    carrierCode: f.carrierCode ?? null,
    trackingNumber: f.trackingNumber ?? null,
  };
}

let schemas: ReturnType<typeof loadEventSchemas> | undefined;

/** Asserts every event is valid against the Avro schema of its type, naming the first bad field. */
export function assertSchemaValid(events: TypedEvent[]): void {
  schemas ??= loadEventSchemas();
  for (const e of events) {
    const type = schemas.get(e.eventType);
    assert.ok(type, `no schema for ${e.eventType}`);
    const bad: string[] = [];
    const valid = type.type.isValid(e.event, { errorHook: (path) => bad.push(path.join('.')) });
    assert.ok(valid, `${e.eventType} ${e.event.envelope.eventId} is not valid against its schema at: ${bad.join(', ')}`);
  }
}
