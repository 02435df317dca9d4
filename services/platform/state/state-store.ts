import pg from 'pg';
import { BackboneError } from '../errors/backbone-error.ts';

/** The state store could not be reached or failed a statement for a transient reason. Retriable. */
export class StateStoreUnavailableError extends BackboneError {
  constructor(message: string, cause?: unknown) {
    super('STATE_STORE_UNAVAILABLE', message, { retriable: true, cause });
  }
}

/**
 * The backbone's shared state store: PostgreSQL (embedded in the local stack, a managed one in
 * production), shared by every instance of a service. Owns a connection pool; each component
 * creates its tables idempotently with `migrate`.
 */
export class StateStore {
  readonly pool: pg.Pool;

  constructor(url: string, opts: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /** Runs a statement; connection failures become StateStoreUnavailableError (retriable). */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (err) {
      // SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention) are transient.
      const code = (err as { code?: string }).code ?? '';
      if (code === '' || /^(08|53|57)/.test(code) || /ECONNREFUSED|ECONNRESET|timeout/i.test((err as Error).message)) {
        throw new StateStoreUnavailableError(`state store unavailable: ${(err as Error).message}`, err);
      }
      throw new BackboneError('STATE_STORE_ERROR', `state store statement failed: ${(err as Error).message}`, { retriable: false, cause: err });
    }
  }

  /** Applies DDL idempotently (CREATE ... IF NOT EXISTS), serialised by an advisory lock so instances starting together do not race. */
  async migrate(name: string, ddl: string): Promise<void> {
    const client = await this.pool.connect().catch((err: unknown) => {
      throw new StateStoreUnavailableError(`state store unavailable: ${(err as Error).message}`, err);
    });
    try {
      await client.query('select pg_advisory_lock(hashtext($1))', [name]);
      await client.query(ddl);
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
      client.release();
    }
  }

  /** True when a trivial query succeeds. */
  async ready(): Promise<boolean> {
    return this.pool.query('select 1').then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
