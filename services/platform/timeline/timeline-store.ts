import { EffectLedger } from '../dedup/effect-ledger.ts';
import type { StateStore } from '../state/state-store.ts';

const ddl = `
create table if not exists timeline_entries (
  topic          text        not null,
  partition      int         not null,
  "offset"       bigint      not null,
  record_key     text        not null,
  shipment_id    text,
  order_id       text,
  event_id       text        not null,
  event_type     text        not null,
  source         text        not null,
  kind           text        not null check (kind in ('event', 'retry', 'dead-letter')),
  occurred_at    timestamptz not null,
  recorded_at    timestamptz not null,
  record_time    timestamptz,
  correlation_id text,
  trace_id       text,
  consumer       text,
  reason         text,
  error          text,
  indexed_at     timestamptz not null default now(),
  primary key (topic, partition, "offset")
);
create index if not exists timeline_entries_shipment on timeline_entries (shipment_id) where shipment_id is not null;
create index if not exists timeline_entries_order on timeline_entries (order_id) where order_id is not null;
create index if not exists timeline_entries_key on timeline_entries (record_key);
create index if not exists timeline_entries_event on timeline_entries (event_id);`;

/** One record of a shipment's story, as the console shows it. */
export interface TimelineEntry {
  /** Record key (shipment id or `order:<id>`). */
  key: string;
  shipmentId?: string;
  orderId?: string;
  /** Empty for a record that could not be decoded (see `error`). */
  eventId: string;
  /** "UNDECODABLE" for a record that could not be decoded. */
  eventType: string;
  /** Source system from the envelope (`source.system`, e.g. "wms-dc-east-01"). */
  source: string;
  topic: string;
  partition: number;
  offset: string;
  /** Which topic family it was seen on. */
  kind: 'event' | 'retry' | 'dead-letter';
  occurredAt: Date;
  recordedAt: Date;
  /** Kafka timestamp of the record itself (e.g. when it was dead-lettered). */
  recordTime?: Date;
  correlationId?: string;
  /** Trace id parsed from the W3C `traceparent` header, if present. */
  traceId?: string;
  /** For retry and dead-letter records: the consumer that forwarded it there. */
  consumer?: string;
  /** For retry and dead-letter records: why (error code, retry reason). */
  reason?: string;
  /** Why the record could not be decoded, when it could not. */
  error?: string;
  /** Side effects of consumers for this event id (consumer_effects, see dedup/effect-ledger.ts). */
  processedBy: Array<{ consumer: string; state: 'pending' | 'done'; doneAt?: Date }>;
}

interface Row {
  topic: string;
  partition: number;
  offset: string;
  record_key: string;
  shipment_id: string | null;
  order_id: string | null;
  event_id: string;
  event_type: string;
  source: string;
  kind: TimelineEntry['kind'];
  occurred_at: Date;
  recorded_at: Date;
  record_time: Date | null;
  correlation_id: string | null;
  trace_id: string | null;
  consumer: string | null;
  reason: string | null;
  error: string | null;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/**
 * The shipment timeline index (PostgreSQL): every record the ops monitor saw on the
 * lifecycle, retry and dead-letter topics, searchable by shipment id, order id or key, with
 * the consumers that processed each event read live from the effect ledger.
 */
export class TimelineStore {
  private constructor(private readonly store: StateStore) {}

  /** Creates its table (and the effect ledger's, which `search` joins) idempotently. */
  static async open(store: StateStore): Promise<TimelineStore> {
    await EffectLedger.open(store);
    await store.migrate('timeline_entries', ddl);
    return new TimelineStore(store);
  }

  /** Stores one entry; a record seen again (redelivery, replay) keeps its first entry. */
  async record(e: Omit<TimelineEntry, 'processedBy'>): Promise<void> {
    await this.store.query(
      `insert into timeline_entries (topic, partition, "offset", record_key, shipment_id, order_id, event_id, event_type, source, kind,
         occurred_at, recorded_at, record_time, correlation_id, trace_id, consumer, reason, error)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       on conflict (topic, partition, "offset") do nothing`,
      [
        e.topic, e.partition, e.offset, e.key, e.shipmentId ?? null, e.orderId ?? null, e.eventId, e.eventType, e.source, e.kind,
        e.occurredAt, e.recordedAt, e.recordTime ?? null, e.correlationId ?? null, e.traceId ?? null, e.consumer ?? null, e.reason ?? null, e.error ?? null,
      ],
    );
  }

  /**
   * Entries whose shipment id, order id or key equals `term`, plus the entries of the orders
   * those belong to (so a shipment's timeline starts with its OrderReleased, keyed
   * `order:<id>`). Ordered by occurredAt, then topic family (an event before its retry and
   * dead-letter copies), then offset. `limit` defaults to 500.
   */
  async search(term: string, opts: { limit?: number } = {}): Promise<TimelineEntry[]> {
    const { rows } = await this.store.query<Row>(
      `with direct as (
         select order_id from timeline_entries where shipment_id = $1 or order_id = $1 or record_key = $1
       )
       select topic, partition, "offset"::text as "offset", record_key, shipment_id, order_id, event_id, event_type, source, kind,
              occurred_at, recorded_at, record_time, correlation_id, trace_id, consumer, reason, error
         from timeline_entries
        where shipment_id = $1 or order_id = $1 or record_key = $1
           or order_id in (select order_id from direct where order_id is not null)
        order by occurred_at, case kind when 'event' then 0 when 'retry' then 1 else 2 end, "offset", topic, partition
        limit $2`,
      [term.trim(), opts.limit ?? 500],
    );
    const eventIds = [...new Set(rows.map((r) => r.event_id).filter(Boolean))];
    const effects = new Map<string, TimelineEntry['processedBy']>();
    if (eventIds.length > 0) {
      const found = await this.store.query<{ consumer: string; event_id: string; state: 'pending' | 'done'; done_at: Date | null }>(
        'select consumer, event_id, state, done_at from consumer_effects where event_id = any($1::text[]) order by consumer',
        [eventIds],
      );
      for (const f of found.rows) {
        const list = effects.get(f.event_id) ?? [];
        list.push({ consumer: f.consumer, state: f.state, ...(f.done_at ? { doneAt: f.done_at } : {}) });
        effects.set(f.event_id, list);
      }
    }
    return rows.map((r) => ({
      key: r.record_key,
      shipmentId: opt(r.shipment_id),
      orderId: opt(r.order_id),
      eventId: r.event_id,
      eventType: r.event_type,
      source: r.source,
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      kind: r.kind,
      occurredAt: r.occurred_at,
      recordedAt: r.recorded_at,
      recordTime: opt(r.record_time),
      correlationId: opt(r.correlation_id),
      traceId: opt(r.trace_id),
      consumer: opt(r.consumer),
      reason: opt(r.reason),
      error: opt(r.error),
      processedBy: effects.get(r.event_id) ?? [],
    }));
  }
}
