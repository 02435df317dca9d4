import type { Attributes } from '@opentelemetry/api';
import type { RecordHeaders } from '../kafka/kafka-port.ts';

/** Backbone span attributes naming the event a span is about (in addition to the OTel messaging ones). */
export const lebAttributes = {
  eventId: 'leb.event.id',
  eventType: 'leb.event.type',
  shipmentId: 'leb.shipment.id',
  correlationId: 'leb.correlation.id',
} as const;

/**
 * The record headers EventProducer sets (its `eventHeaders`; a test keeps both in step). They
 * are read here by name so this module loads nothing from Kafka code before the SDK starts.
 */
const headerNames = { eventId: 'event-id', eventType: 'event-type', shipmentId: 'shipment-id', correlationId: 'correlation-id' } as const;

/** One header value as text (the first, when a header repeats). */
export function headerText(headers: RecordHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : one.toString();
}

/** leb.* attributes from a record's event headers; headers that are absent are left out. */
export function eventAttributesFromHeaders(headers: RecordHeaders | undefined): Attributes {
  const out: Attributes = {};
  for (const [k, header] of Object.entries(headerNames)) {
    const v = headerText(headers, header);
    if (v !== undefined) out[lebAttributes[k as keyof typeof headerNames]] = v;
  }
  return out;
}

/** leb.* attributes from a decoded event envelope. */
export function eventAttributesFromEnvelope(env: { eventId: string; correlationId?: string | null; shipmentId?: string | null }, eventType: string): Attributes {
  return {
    [lebAttributes.eventId]: env.eventId,
    [lebAttributes.eventType]: eventType,
    ...(env.shipmentId ? { [lebAttributes.shipmentId]: env.shipmentId } : {}),
    ...(env.correlationId ? { [lebAttributes.correlationId]: env.correlationId } : {}),
  };
}
