import type { StateStore } from '../state/state-store.ts';

/** What the ledger knows about a delivery a caller wants to process. */
export type Claim<T> =
  | { outcome: 'claimed' }
  | { outcome: 'stored'; result: T }
  /** Another request holds a live lease on it (a concurrent vendor retry): try again later. */
  | { outcome: 'in-progress'; leaseUntil: Date };

const ddl = `
create table if not exists adapter_deliveries (
  source_system     text        not null,
  vendor_event_id   text        not null,
  state             text        not null check (state in ('pending', 'stored')),
  lease_until       timestamptz not null,
  result            jsonb,
  first_received_at timestamptz not null default now(),
  stored_at         timestamptz,
  primary key (source_system, vendor_event_id)
);`;

/**
 * Remembers which vendor deliveries were turned into canonical events, in the shared state
 * store, so a vendor's retry is answered from the ledger instead of publishing again: after an
 * adapter restart and across any number of adapter instances.
 *
 * Protocol: `claim` takes a lease (an INSERT, or taking over an expired pending lease); the
 * holder publishes, then `complete`s with the stored positions, or `release`s when nothing was
 * written. The lease outlives the publish deadline, so a publish that is still in flight can
 * never be repeated by a retry; if an adapter dies between Kafka's acknowledgement and
 * `complete`, the lease expires and a retry publishes the same event ids again, which
 * consumers recognise (their idempotency is keyed by event id).
 */
export class DeliveryLedger<T> {
  private constructor(
    private readonly store: StateStore,
    private readonly leaseMs: number,
  ) {}

  /** Creates the ledger's table if needed. */
  static async open<T>(store: StateStore, opts: { leaseMs: number }): Promise<DeliveryLedger<T>> {
    await store.migrate('adapter_deliveries', ddl);
    return new DeliveryLedger<T>(store, opts.leaseMs);
  }

  async claim(sourceSystem: string, vendorEventId: string): Promise<Claim<T>> {
    const taken = await this.store.query(
      `insert into adapter_deliveries (source_system, vendor_event_id, state, lease_until)
       values ($1, $2, 'pending', now() + make_interval(secs => $3::double precision / 1000))
       on conflict (source_system, vendor_event_id) do update
         set lease_until = excluded.lease_until
         where adapter_deliveries.state = 'pending' and adapter_deliveries.lease_until < now()
       returning 1`,
      [sourceSystem, vendorEventId, this.leaseMs],
    );
    if (taken.rowCount === 1) return { outcome: 'claimed' };
    const { rows } = await this.store.query<{ state: string; result: T; lease_until: Date }>(
      'select state, result, lease_until from adapter_deliveries where source_system = $1 and vendor_event_id = $2',
      [sourceSystem, vendorEventId],
    );
    const row = rows[0];
    // Released between the two statements: claim again.
    if (!row) return this.claim(sourceSystem, vendorEventId);
    return row.state === 'stored' ? { outcome: 'stored', result: row.result } : { outcome: 'in-progress', leaseUntil: row.lease_until };
  }

  /**
   * Moves a pending claim's lease to `leaseMs` from now, while its write is still under way
   * (the producer keeps retrying through a Kafka outage longer than a lease): otherwise the
   * vendor's retry would claim the delivery again and write a second copy.
   */
  async renew(sourceSystem: string, vendorEventId: string): Promise<void> {
    await this.store.query(
      `update adapter_deliveries set lease_until = now() + make_interval(secs => $3::double precision / 1000)
       where source_system = $1 and vendor_event_id = $2 and state = 'pending'`,
      [sourceSystem, vendorEventId, this.leaseMs],
    );
  }

  /** Records that the delivery's events are stored, with what a repeated delivery is answered. */
  async complete(sourceSystem: string, vendorEventId: string, result: T): Promise<void> {
    await this.store.query(
      `update adapter_deliveries set state = 'stored', result = $3, stored_at = now()
       where source_system = $1 and vendor_event_id = $2`,
      [sourceSystem, vendorEventId, JSON.stringify(result)],
    );
  }

  /** Gives a claim up when nothing was written, so the vendor's retry can proceed at once. */
  async release(sourceSystem: string, vendorEventId: string): Promise<void> {
    await this.store.query(`delete from adapter_deliveries where source_system = $1 and vendor_event_id = $2 and state = 'pending'`, [
      sourceSystem,
      vendorEventId,
    ]);
  }
}
