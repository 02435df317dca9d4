import { v5 as uuidv5 } from 'uuid';
import type { Envelope, EventTypeName } from '../../platform/events/canonical-event.ts';

/** Namespace for deriving event ids from vendor delivery ids (UUID v5). */
const EVENT_ID_NAMESPACE = '6f1f7f0e-3c1a-4d56-9d6e-5b8f0a4c2e71';

/**
 * What a vendor mapping needs besides the body: the source system and the vendor's delivery
 * id. The canonical event id is derived from both (UUID v5), so a vendor's retry of the same
 * delivery yields the same event id and consumers recognise it as a duplicate.
 */
export class MappingContext {
  constructor(
    readonly sourceSystem: string,
    readonly vendorEventId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get eventId(): string {
    return uuidv5(`${this.sourceSystem}/${this.vendorEventId}`, EVENT_ID_NAMESPACE);
  }

  /** Builds the envelope of an event from the WMS. */
  envelope(
    eventType: EventTypeName,
    f: Pick<Envelope, 'occurredAt' | 'correlationId' | 'shipmentId' | 'orderId' | 'warehouseId'>,
  ): Envelope {
    return {
      eventId: this.eventId,
      eventType,
      occurredAt: f.occurredAt,
      recordedAt: this.now(),
      source: { kind: 'WMS', system: this.sourceSystem, vendorEventId: this.vendorEventId },
      correlationId: f.correlationId,
      causationId: null,
      shipmentId: f.shipmentId,
      orderId: f.orderId,
      warehouseId: f.warehouseId,
      carrierCode: null,
      trackingNumber: null,
    };
  }
}
