import type { StateStore } from '../platform/state/state-store.ts';

const ddl = `
create table if not exists notification_log (
  event_id     text        not null,
  channel      text        not null check (channel in ('email', 'webhook', 'none')),
  customer_id  text,
  kind         text        not null,
  status       text        not null check (status in ('sent', 'held', 'skipped', 'failed')),
  reason       text,
  detail       jsonb,
  recorded_at  timestamptz not null default now(),
  primary key (event_id, channel)
);
create index if not exists notification_log_held on notification_log (recorded_at) where status = 'held';`;

/**
 * What became of one notification on one channel: sent; held back (event too old: catch-up or
 * replay); skipped (no customer, no preferences, kind not wanted; channel "none"); or failed
 * (the last attempt's error, until a retry sends it).
 */
export type NotificationStatus = 'sent' | 'held' | 'skipped' | 'failed';

/** One row of the notification log. */
export interface NotificationLogEntry {
  eventId: string;
  channel: 'email' | 'webhook' | 'none';
  customerId: string | null;
  kind: string;
  status: NotificationStatus;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

/**
 * The notification service's record of every decision (`notification_log`), one row per
 * (event, channel): operators see what was sent, held back and why. A "sent" row is final:
 * a later outcome never overwrites it.
 */
export class NotificationLog {
  private constructor(private readonly store: StateStore) {}

  static async open(store: StateStore): Promise<NotificationLog> {
    await store.migrate('notification_log', ddl);
    return new NotificationLog(store);
  }

  /** Records an outcome; a row already "sent" stays as it is. */
  async record(e: NotificationLogEntry): Promise<void> {
    await this.store.query(
      `insert into notification_log (event_id, channel, customer_id, kind, status, reason, detail) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (event_id, channel) do update set customer_id = excluded.customer_id, kind = excluded.kind, status = excluded.status,
         reason = excluded.reason, detail = excluded.detail, recorded_at = now()
       where notification_log.status <> 'sent'`,
      [e.eventId, e.channel, e.customerId, e.kind, e.status, e.reason, e.detail === null ? null : JSON.stringify(e.detail)],
    );
  }

  /** The outcomes of one event, by channel name. */
  async forEvent(eventId: string): Promise<NotificationLogEntry[]> {
    const { rows } = await this.store.query<{ event_id: string; channel: NotificationLogEntry['channel']; customer_id: string | null; kind: string; status: NotificationStatus; reason: string | null; detail: Record<string, unknown> | null }>(
      'select event_id, channel, customer_id, kind, status, reason, detail from notification_log where event_id = $1 order by channel',
      [eventId],
    );
    return rows.map((r) => ({ eventId: r.event_id, channel: r.channel, customerId: r.customer_id, kind: r.kind, status: r.status, reason: r.reason, detail: r.detail }));
  }
}
