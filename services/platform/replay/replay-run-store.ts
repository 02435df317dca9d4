import type { StateStore } from '../state/state-store.ts';
import type { PartitionRange } from './topic-range-reader.ts';

const ddl = `
create table if not exists replay_runs (
  run_id     text        primary key,
  consumers  text[]      not null,
  spec       jsonb       not null,
  status     text        not null check (status in ('running', 'paused', 'cancelled', 'completed', 'failed')),
  requested  text        check (requested in ('pause', 'cancel')),
  counts     jsonb       not null default '{}',
  actor      text        not null,
  error      text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create table if not exists replay_positions (
  run_id       text not null references replay_runs (run_id) on delete cascade,
  partition    int  not null,
  start_offset text not null,
  end_offset   text not null,
  next_offset  text not null,
  primary key (run_id, partition)
);`;

/** A replay run's lifecycle state. */
export type RunStatus = 'running' | 'paused' | 'cancelled' | 'completed' | 'failed';

/** A replay run as stored. */
export interface StoredRun<S = unknown> {
  runId: string;
  consumers: string[];
  spec: S;
  status: RunStatus;
  requested: 'pause' | 'cancel' | null;
  counts: Record<string, unknown>;
  actor: string;
  error: string | null;
  positions: Array<PartitionRange & { next: string }>;
  updatedAt: Date;
}

/**
 * Replay runs in the shared state store: the window per partition, the next offset to
 * process (saved after every record, in the same statement as the counts), the status, and
 * an operator's pause or cancel request, which the running process picks up at its next record.
 */
export class ReplayRunStore {
  private constructor(private readonly store: StateStore) {}

  static async open(store: StateStore): Promise<ReplayRunStore> {
    await store.migrate('replay_runs', ddl);
    return new ReplayRunStore(store);
  }

  async get<S>(runId: string): Promise<StoredRun<S> | undefined> {
    const { rows } = await this.store.query<{ run_id: string; consumers: string[]; spec: S; status: RunStatus; requested: 'pause' | 'cancel' | null; counts: Record<string, unknown>; actor: string; error: string | null; updated_at: Date }>(
      'select * from replay_runs where run_id = $1',
      [runId],
    );
    const r = rows[0];
    if (!r) return undefined;
    const pos = await this.store.query<{ partition: number; start_offset: string; end_offset: string; next_offset: string }>(
      'select partition, start_offset, end_offset, next_offset from replay_positions where run_id = $1 order by partition',
      [runId],
    );
    return {
      runId: r.run_id,
      consumers: r.consumers,
      spec: r.spec,
      status: r.status,
      requested: r.requested,
      counts: r.counts,
      actor: r.actor,
      error: r.error,
      updatedAt: r.updated_at,
      positions: pos.rows.map((p) => ({ partition: p.partition, start: p.start_offset, end: p.end_offset, next: p.next_offset })),
    };
  }

  /** Creates a run with its window; false when the id is taken. */
  async create(runId: string, consumers: string[], spec: unknown, ranges: PartitionRange[], actor: string): Promise<boolean> {
    const created = await this.store.query(
      `insert into replay_runs (run_id, consumers, spec, status, actor) values ($1, $2, $3, 'running', $4) on conflict (run_id) do nothing`,
      [runId, consumers, JSON.stringify(spec), actor],
    );
    if (created.rowCount !== 1) return false;
    for (const r of ranges) {
      await this.store.query('insert into replay_positions (run_id, partition, start_offset, end_offset, next_offset) values ($1, $2, $3, $4, $3)', [runId, r.partition, r.start, r.end]);
    }
    return true;
  }

  /** Saves the next offset of a partition and the counts together; returns the operator's pending request. */
  async advance(runId: string, partition: number, next: string, counts: unknown): Promise<'pause' | 'cancel' | null> {
    const { rows } = await this.store.query<{ requested: 'pause' | 'cancel' | null }>(
      `with p as (update replay_positions set next_offset = $3 where run_id = $1 and partition = $2)
       update replay_runs set counts = $4, updated_at = now() where run_id = $1 returning requested`,
      [runId, partition, next, JSON.stringify(counts)],
    );
    return rows[0]?.requested ?? null;
  }

  /** The operator's pending request (pause or cancel), if any. */
  async requested(runId: string): Promise<'pause' | 'cancel' | null> {
    const { rows } = await this.store.query<{ requested: 'pause' | 'cancel' | null }>('select requested from replay_runs where run_id = $1', [runId]);
    return rows[0]?.requested ?? null;
  }

  async setStatus(runId: string, status: RunStatus, opts: { error?: string; counts?: unknown; clearRequest?: boolean } = {}): Promise<void> {
    await this.store.query(
      `update replay_runs set status = $2, error = $3, counts = coalesce($4, counts), requested = case when $5 then null else requested end, updated_at = now() where run_id = $1`,
      [runId, status, opts.error ?? null, opts.counts === undefined ? null : JSON.stringify(opts.counts), opts.clearRequest ?? false],
    );
  }

  /** An operator asks a run to pause, resume (clears a pause) or cancel; false when no such run is active. */
  async request(runId: string, what: 'pause' | 'resume' | 'cancel'): Promise<boolean> {
    const { rowCount } = await this.store.query(
      `update replay_runs set requested = $2, updated_at = now() where run_id = $1 and status in ('running', 'paused')`,
      [runId, what === 'resume' ? null : what],
    );
    return rowCount === 1;
  }

  /** Recent runs, newest first. */
  async list(limit = 50): Promise<Array<Omit<StoredRun, 'positions'>>> {
    const { rows } = await this.store.query<{ run_id: string; consumers: string[]; spec: unknown; status: RunStatus; requested: 'pause' | 'cancel' | null; counts: Record<string, unknown>; actor: string; error: string | null; updated_at: Date }>(
      'select * from replay_runs order by updated_at desc limit $1',
      [limit],
    );
    return rows.map((r) => ({ runId: r.run_id, consumers: r.consumers, spec: r.spec, status: r.status, requested: r.requested, counts: r.counts, actor: r.actor, error: r.error, updatedAt: r.updated_at }));
  }
}
