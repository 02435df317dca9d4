import type { Envelope } from '../events/canonical-event.ts';
import { matchFieldOf, type SlaRule } from './sla-rules.ts';
import type { SlaStore, SlaTransition } from './sla-store.ts';

/** What the tracker needs of an event: its type, envelope and record key. */
export interface ObservedEvent {
  eventType: string;
  envelope: Pick<Envelope, 'eventId' | 'occurredAt' | 'shipmentId' | 'orderId'>;
  key: string;
}

/**
 * Applies the configured SLA rules to the event stream: a start event opens an obligation
 * (its clock starts at envelope.occurredAt, event time, so a replay or a late consumer
 * computes the same deadline), an end event completes the open obligations it matches.
 * Consumer-effect ends and deadlines are checked by `sweep`. Idempotent: the store keys
 * obligations by rule and start event id.
 */
export class SlaTracker {
  constructor(
    readonly rules: SlaRule[],
    private readonly store: SlaStore,
  ) {}

  /** Declares the rules to the store, for readers; `owner` is the monitor's consumer group. */
  async declare(owner: string): Promise<void> {
    await this.store.declareRules(this.rules, owner);
  }

  /** Opens and completes obligations for one event; returns the status changes it caused. */
  async observe(e: ObservedEvent): Promise<SlaTransition[]> {
    const out: SlaTransition[] = [];
    const env = e.envelope;
    for (const rule of this.rules) {
      const field = matchFieldOf(rule);
      if ('event' in rule.end && rule.end.event === e.eventType && field) {
        const value = env[field];
        if (value) out.push(...(await this.store.recordEnd(rule.id, value, env.eventId, env.occurredAt)));
      }
      if (rule.start === e.eventType) {
        const value = field ? env[field] : undefined;
        // A start event without the field its end is matched by could never complete: no obligation.
        if (field && !value) continue;
        out.push(
          ...(await this.store.open({ rule, key: e.key, matchValue: value ?? undefined, startEventId: env.eventId, startEventType: e.eventType, startedAt: env.occurredAt })),
        );
      }
    }
    return out;
  }

  /** Completes consumer-effect obligations and marks those past their deadline breached (this tracker's rules only). */
  sweep(now?: Date): Promise<SlaTransition[]> {
    return this.store.sweep(this.rules.map((r) => r.id), now);
  }
}
