import type { StateStore } from '../state/state-store.ts';

const ddl = `
create table if not exists consumer_effects (
  consumer     text        not null,
  event_id     text        not null,
  state        text        not null check (state in ('pending', 'done')),
  lease_until  timestamptz not null,
  attempts     int         not null default 1,
  result       jsonb,
  started_at   timestamptz not null default now(),
  done_at      timestamptz,
  primary key (consumer, event_id)
);`;

/** What the ledger says about one consumer's side effect for one event. */
export type EffectClaim<R> =
  | { outcome: 'claimed'; attempt: number }
  | { outcome: 'done'; result: R | null }
  /** Another instance is performing it right now (lease live): leave it to that instance. */
  | { outcome: 'in-progress'; leaseUntil: Date };

/**
 * Remembers, per consumer and event id, which side effects were performed: the idempotency
 * store every instance of a consumer shares (PostgreSQL), so a redelivery, a rebalance or a
 * replay never repeats an ERP posting, a CRM case or a customer notification.
 *
 * `claim` before the effect (a lease, so a crashed instance's claim can be taken over),
 * `complete` after it. An instance that dies between the effect and `complete` leaves a
 * pending claim; when its lease expires the effect is attempted again, with the same event id
 * as the downstream idempotency key (ERP, webhooks) or message id (e-mail).
 */
export class EffectLedger {
  private constructor(
    private readonly store: StateStore,
    private readonly leaseMs: number,
  ) {}

  /** `leaseMs`: how long a claim protects a running side effect; longer than one downstream call may take (default 30 s). */
  static async open(store: StateStore, opts: { leaseMs?: number } = {}): Promise<EffectLedger> {
    await store.migrate('consumer_effects', ddl);
    return new EffectLedger(store, opts.leaseMs ?? 30_000);
  }

  async claim<R = unknown>(consumer: string, eventId: string): Promise<EffectClaim<R>> {
    const taken = await this.store.query<{ attempts: number }>(
      `insert into consumer_effects (consumer, event_id, state, lease_until)
       values ($1, $2, 'pending', now() + make_interval(secs => $3::double precision / 1000))
       on conflict (consumer, event_id) do update
         set lease_until = excluded.lease_until, attempts = consumer_effects.attempts + 1
         where consumer_effects.state = 'pending' and consumer_effects.lease_until < now()
       returning attempts`,
      [consumer, eventId, this.leaseMs],
    );
    if (taken.rowCount === 1) return { outcome: 'claimed', attempt: taken.rows[0]!.attempts };
    const { rows } = await this.store.query<{ state: string; result: R | null; lease_until: Date }>(
      'select state, result, lease_until from consumer_effects where consumer = $1 and event_id = $2',
      [consumer, eventId],
    );
    const row = rows[0];
    if (!row) return this.claim(consumer, eventId);
    return row.state === 'done' ? { outcome: 'done', result: row.result } : { outcome: 'in-progress', leaseUntil: row.lease_until };
  }

  /** Records the effect as performed, with an optional result (e.g. the ERP's posting id). */
  async complete(consumer: string, eventId: string, result?: unknown): Promise<void> {
    await this.store.query(`update consumer_effects set state = 'done', result = $3, done_at = now() where consumer = $1 and event_id = $2`, [
      consumer,
      eventId,
      result === undefined ? null : JSON.stringify(result),
    ]);
  }

  /** Gives a claim up after a failed attempt, so a retry (here or on another instance) may proceed at once. */
  async release(consumer: string, eventId: string): Promise<void> {
    await this.store.query(`delete from consumer_effects where consumer = $1 and event_id = $2 and state = 'pending'`, [consumer, eventId]);
  }

  /** Which of these event ids this consumer has already completed (for replay previews). */
  async completed(consumer: string, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const { rows } = await this.store.query<{ event_id: string }>(
      `select event_id from consumer_effects where consumer = $1 and state = 'done' and event_id = any($2::text[])`,
      [consumer, eventIds],
    );
    return new Set(rows.map((r) => r.event_id));
  }
}
