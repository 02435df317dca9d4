/**
 * Benchmark events: canonical PickCompleted events sized to about 500 bytes of Avro (the
 * producer/consumer cases), and one event of each of a few real types for the codec case.
 */
import { randomUUID } from 'node:crypto';
import type { EventTypeMap, TypedEvent } from '../services/platform/events/canonical-event.ts';
import type { AvroEventCodec } from '../services/platform/codec/avro-codec.ts';
import { consumerEvents, newShipment } from '../test/support/consumer-fixtures.ts';

/** A PickCompleted event with `lines` pick lines for shipment `shipmentId`. */
export function pickCompleted(shipmentId: string, lines: number): TypedEvent<'PickCompleted'> {
  const event: EventTypeMap['PickCompleted'] = {
    envelope: {
      eventId: randomUUID(),
      eventType: 'PickCompleted',
      occurredAt: new Date(),
      recordedAt: new Date(),
      source: { kind: 'WMS', system: 'wms-bench', vendorEventId: `v-${shipmentId}` },
      correlationId: `corr-${shipmentId}`,
      causationId: null,
      shipmentId,
      orderId: `SO-${shipmentId.slice(4)}`,
      warehouseId: 'DC-EAST-01',
      carrierCode: null,
      trackingNumber: null,
    },
    pickListId: `PL-${shipmentId.slice(4)}`,
    pickTaskId: null,
    waveId: 'WAVE-0001',
    lines: Array.from({ length: lines }, (_, i) => ({ lineNumber: i + 1, sku: `SKU-${100000 + i}`, quantity: 1 + i, unitOfMeasure: 'EA', lotNumber: `LOT-${i}` })),
    shortPicked: false,
    shortPickedLines: [],
    toteIds: ['TOTE-00001', 'TOTE-00002'],
  };
  return { eventType: 'PickCompleted', event };
}

/** How many pick lines make an encoded (framed) PickCompleted closest to `targetBytes`. */
export async function linesForSize(codec: AvroEventCodec, targetBytes = 500): Promise<{ lines: number; bytes: number }> {
  let best = { lines: 1, bytes: 0 };
  for (let lines = 1; lines <= 40; lines++) {
    const e = pickCompleted('SHP-0000bench', lines);
    const bytes = (await codec.encode(e.eventType, e.event)).length;
    if (Math.abs(bytes - targetBytes) < Math.abs(best.bytes - targetBytes)) best = { lines, bytes };
    if (bytes > targetBytes) break;
  }
  return best;
}

/** `n` ~500-byte events over `shipments` distinct shipments (keys spread over all partitions). */
export function benchEvents(n: number, lines: number, shipments = 5000): TypedEvent[] {
  const ids = Array.from({ length: Math.min(n, shipments) }, () => `SHP-${randomUUID().slice(0, 8)}`);
  return Array.from({ length: n }, (_, i) => pickCompleted(ids[i % ids.length]!, lines));
}

/**
 * `variants` events of each type the codec case measures (real schemas, realistic payloads),
 * grouped by type. Each variant is another shipment with its own ids and times, as a
 * consumer's stream would be; what real streams repeat (carrier, warehouse, cities) repeats.
 */
export function codecSamples(variants = 1): TypedEvent[][] {
  const types: ((i: number) => TypedEvent)[] = [
    () => ({ eventType: 'PickCompleted', event: pickCompleted(newShipment().shipmentId, 4).event }),
    (i) => ({ eventType: 'ShipmentPlanned', event: consumerEvents.ShipmentPlanned(newShipment(), inDays(2, i)) }),
    () => ({ eventType: 'ShipmentDispatched', event: consumerEvents.ShipmentDispatched(newShipment()) }),
    (i) => ({ eventType: 'EtaUpdated', event: consumerEvents.EtaUpdated(newShipment(), inDays(2, i), null) }),
  ];
  return types.map((make) => Array.from({ length: variants }, (_, i) => make(i)));
}

/** `days` days from now, `i` minutes later per variant. */
const inDays = (days: number, i: number) => new Date(Date.now() + days * 86_400_000 + i * 60_000);
