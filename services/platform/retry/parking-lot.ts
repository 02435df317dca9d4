import type { StateStore } from '../state/state-store.ts';

const ddl = `
create table if not exists parked_keys (
  consumer  text        not null,
  key       text        not null,
  pending   int         not null,
  parked_at timestamptz not null default now(),
  primary key (consumer, key)
);`;

/**
 * Keys (shipments) with a record waiting on the retry topic, per consumer, in the shared
 * state store. While a key is parked, its later records follow it to the retry topic instead
 * of overtaking it; other keys keep flowing. `pending` counts that key's records on the retry
 * topic; the key is free again when the last of them is done.
 */
export class ParkingLot {
  private constructor(private readonly store: StateStore) {}

  static async open(store: StateStore): Promise<ParkingLot> {
    await store.migrate('parked_keys', ddl);
    return new ParkingLot(store);
  }

  /** One more record of `key` went to the retry topic. */
  async park(consumer: string, key: string): Promise<void> {
    await this.store.query(
      `insert into parked_keys (consumer, key, pending) values ($1, $2, 1)
       on conflict (consumer, key) do update set pending = parked_keys.pending + 1`,
      [consumer, key],
    );
  }

  /** One record of `key` left the retry topic (done or dead-lettered). */
  async release(consumer: string, key: string): Promise<void> {
    await this.store.query(
      `with r as (update parked_keys set pending = pending - 1 where consumer = $1 and key = $2 returning pending)
       delete from parked_keys where consumer = $1 and key = $2 and (select pending from r) <= 0`,
      [consumer, key],
    );
  }

  async isParked(consumer: string, key: string): Promise<boolean> {
    const { rowCount } = await this.store.query('select 1 from parked_keys where consumer = $1 and key = $2 and pending > 0', [consumer, key]);
    return rowCount === 1;
  }

  /** Parked keys of a consumer with their pending counts (for operators). */
  async list(consumer: string): Promise<Array<{ key: string; pending: number; parkedAt: Date }>> {
    const { rows } = await this.store.query<{ key: string; pending: number; parked_at: Date }>(
      'select key, pending, parked_at from parked_keys where consumer = $1 order by parked_at',
      [consumer],
    );
    return rows.map((r) => ({ key: r.key, pending: r.pending, parkedAt: r.parked_at }));
  }
}
