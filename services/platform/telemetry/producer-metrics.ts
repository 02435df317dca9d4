import { eventsProduced } from './metrics.ts';

/**
 * Counts events Kafka acknowledged, by topic and event type. Counts are summed per label pair
 * first, so a publish of many events costs one increment per pair, not one per event.
 */
export function countProduced(published: ReadonlyArray<{ topic: string; eventType: string }>): void {
  if (published.length === 1) {
    const p = published[0]!;
    eventsProduced.inc({ topic: p.topic, event_type: p.eventType });
    return;
  }
  const counts = new Map<string, { topic: string; event_type: string; n: number }>();
  for (const p of published) {
    const k = `${p.topic}\u0000${p.eventType}`;
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { topic: p.topic, event_type: p.eventType, n: 1 });
  }
  for (const { n, ...labels } of counts.values()) eventsProduced.inc(labels, n);
}
