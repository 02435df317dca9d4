import { v5 as uuidv5 } from 'uuid';
import type { Envelope, EventTypeName, IoLogisticsCommon } from '../events/canonical-event.ts';

/** Namespace for deriving event ids from vendor delivery ids (UUID v5). */
const EVENT_ID_NAMESPACE = '6f1f7f0e-3c1a-4d56-9d6e-5b8f0a4c2e71';

/** Envelope fields a vendor mapping fills in; the context supplies ids, source and receipt time. */
export type EnvelopeFields = Pick<Envelope, 'occurredAt'> &
  Partial<Pick<Envelope, 'shipmentId' | 'orderId' | 'warehouseId' | 'carrierCode' | 'trackingNumber' | 'causationId'>> & {
    /** The mapping's natural correlation (e.g. "order:SO-1"), used when the request carried none. */
    correlationId?: string;
  };

/**
 * What a vendor mapping needs besides the body: the source system, the vendor's delivery id,
 * the receipt time and the correlation id the request carried. Event ids are derived from
 * source system, delivery id and the event's position in the delivery (UUID v5), so a
 * vendor's retry of the same delivery yields the same event ids.
 */
export class MappingContext {
  private seq = 0;

  constructor(
    readonly source: { kind: IoLogisticsCommon.SourceKind; system: string },
    readonly vendorEventId: string,
    readonly receivedAt: Date = new Date(),
    /** Correlation id taken from the request (header), when the vendor sent one. */
    readonly requestCorrelationId?: string,
    /**
     * 0 for a live delivery; n > 0 when events are regenerated from the raw archive after a
     * mapping fix: they get new event ids (consumers must act on them) and name the original
     * event as their cause.
     */
    readonly revision = 0,
  ) {}

  /** Event id of the n-th event of this delivery (n from 0), in a given revision. */
  eventIdAt(n: number, revision = this.revision): string {
    const suffix = (n === 0 ? '' : `#${n}`) + (revision === 0 ? '' : `@r${revision}`);
    return uuidv5(`${this.source.system}/${this.vendorEventId}${suffix}`, EVENT_ID_NAMESPACE);
  }

  /** Builds the envelope of the next event of this delivery. */
  envelope(eventType: EventTypeName, f: EnvelopeFields): Envelope {
    const n = this.seq++;
    const eventId = this.eventIdAt(n);
    return {
      eventId,
      eventType,
      occurredAt: f.occurredAt,
      recordedAt: this.receivedAt,
      source: { kind: this.source.kind, system: this.source.system, vendorEventId: this.vendorEventId },
      correlationId: this.requestCorrelationId ?? f.correlationId ?? eventId,
      causationId: f.causationId ?? (this.revision > 0 ? this.eventIdAt(n, 0) : null),
      shipmentId: f.shipmentId ?? null,
      orderId: f.orderId ?? null,
      warehouseId: f.warehouseId ?? null,
      carrierCode: f.carrierCode ?? null,
      trackingNumber: f.trackingNumber ?? null,
    };
  }
}
