import type { TypedEvent } from '../events/canonical-event.ts';
import type { EventProducer } from '../kafka/event-producer.ts';
import type { IncomingRecord } from '../kafka/kafka-port.ts';
import { asBackboneError } from '../errors/backbone-error.ts';
import type { BodyRouter } from './body-router.ts';
import { MappingContext } from './mapping-context.ts';
import { deliveryFromRecord } from './raw-archive.ts';

/** The outcome of regenerating one archived delivery. */
export interface RegeneratedDelivery {
  vendorEventId: string;
  kind: string;
  receivedAt: string;
  events: Array<{ eventType: string; eventId: string; causationId: string | null }>;
  /** Set when the delivery no longer maps (for example a code the fixed mapping now refuses). */
  error?: { code: string; message: string };
}

/**
 * Re-runs today's vendor mappings over archived raw deliveries. Regenerated events get new
 * event ids (revision n) and name the original event as their cause, so consumers act on the
 * corrected version while the original stays traceable. Signatures are not checked again:
 * only accepted deliveries were archived.
 */
export function regenerateDelivery(record: IncomingRecord, endpoints: Record<string, BodyRouter>, revision: number): { summary: RegeneratedDelivery; events: TypedEvent[] } {
  const d = deliveryFromRecord(record);
  const summary: RegeneratedDelivery = { vendorEventId: d.vendorEventId, kind: d.kind, receivedAt: d.receivedAt.toISOString(), events: [] };
  const router = endpoints[d.endpoint];
  if (!router) {
    summary.error = { code: 'UNKNOWN_ENDPOINT', message: `no adapter endpoint ${d.endpoint} any more` };
    return { summary, events: [] };
  }
  try {
    const { mapping, body } = router.route(d.raw, d.contentType);
    const value = mapping.validate(body);
    const events = mapping.map(value, new MappingContext(d.source, d.vendorEventId, d.receivedAt, d.correlationId, revision));
    summary.events = events.map((e) => ({ eventType: e.eventType, eventId: e.event.envelope.eventId, causationId: e.event.envelope.causationId }));
    return { summary, events };
  } catch (err) {
    const e = asBackboneError(err);
    summary.error = { code: e.code, message: e.message };
    return { summary, events: [] };
  }
}

/** Publishes regenerated events in archive order (acks=all). */
export async function publishRegenerated(producer: EventProducer, events: TypedEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const published = await producer.publish(events);
  return published.length;
}
