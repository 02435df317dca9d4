import type { AvroEventCodec } from '../codec/avro-codec.ts';
import { eventHeaders } from '../kafka/event-producer.ts';
import type { IncomingRecord } from '../kafka/kafka-port.ts';

/** Which records a replay takes from its window. */
export interface ReplayFilter {
  /** Only records of these shipments (the record key, or the `shipment-id` header). */
  shipments?: string[];
  /** Only these event types. */
  eventTypes?: string[];
}

/** A record of the window as the replay sees it before any consumer. */
export type InspectedRecord =
  | { kind: 'undecodable'; reason: string }
  | { kind: 'filtered' }
  | { kind: 'event'; eventType: string; known: boolean };

const header = (r: IncomingRecord, name: string): string | undefined => {
  const v = r.headers[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one?.toString();
};

/** The shipment a record belongs to: its `shipment-id` header, else its key unless the key is an order key. */
export function shipmentOf(r: IncomingRecord): string | null {
  const fromHeader = header(r, eventHeaders.shipmentId);
  if (fromHeader) return fromHeader;
  const key = r.key?.toString() ?? null;
  return key && !key.startsWith('order:') ? key : null;
}

/** Reads a record's event type from its wire-format header and applies the filters, without decoding the body. */
export async function inspectRecord(codec: AvroEventCodec, r: IncomingRecord, filter: ReplayFilter): Promise<InspectedRecord> {
  let peeked;
  try {
    peeked = await codec.peek(r.value);
  } catch (err) {
    if ((err as { retriable?: boolean }).retriable) throw err;
    return { kind: 'undecodable', reason: (err as Error).message };
  }
  if (filter.eventTypes?.length && !filter.eventTypes.includes(peeked.eventType)) return { kind: 'filtered' };
  if (filter.shipments?.length) {
    const s = shipmentOf(r);
    if (!s || !filter.shipments.includes(s)) return { kind: 'filtered' };
  }
  return { kind: 'event', eventType: peeked.eventType, known: peeked.known };
}
