import type { EventTypeMap } from './generated-types.ts';

export { eventTypeNames, type EventTypeMap, IoLogisticsCommon, IoLogisticsEvents } from './generated-types.ts';

/** Name of a canonical event type, e.g. "PickCompleted". */
export type EventTypeName = keyof EventTypeMap;

/** The shared envelope every event carries. */
export type Envelope = EventTypeMap['PickCompleted']['envelope'];

/** Any canonical event. */
export type CanonicalEvent = EventTypeMap[EventTypeName];

/** An event type name together with a value of that type. */
export type TypedEvent<K extends EventTypeName = EventTypeName> = { [P in K]: { eventType: P; event: EventTypeMap[P] } }[K];

/**
 * The Kafka key of an event: its shipment id, or "order:<orderId>" for events that happen
 * before a shipment exists. Every event of one shipment therefore lands on one partition.
 */
export function partitionKeyOf(envelope: Pick<Envelope, 'shipmentId' | 'orderId' | 'eventId'>): string {
  if (envelope.shipmentId) return envelope.shipmentId;
  if (envelope.orderId) return `order:${envelope.orderId}`;
  throw new Error(`event ${envelope.eventId} has neither shipmentId nor orderId: it cannot be keyed`);
}
