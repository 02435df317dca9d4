import { BackboneError } from '../platform/errors/backbone-error.ts';

/** Another process (usually the running sink) holds the DuckDB file; DuckDB allows one writer process. */
export class StoreLockedError extends BackboneError {
  constructor(readonly dbPath: string, cause: unknown) {
    super('ANALYTICS_STORE_LOCKED', `the analytics store ${dbPath} is open in another process (DuckDB allows one writer): query the running sink over HTTP, or stop it`, {
      retriable: true,
      cause,
      details: { dbPath },
    });
  }
}

/** The analytics store could not be opened, read or written. Not retriable: a disk or SQL problem needs a person. */
export class StoreError extends BackboneError {
  constructor(message: string, cause?: unknown, details?: Record<string, unknown>) {
    super('ANALYTICS_STORE_FAILED', message, { retriable: false, cause, details });
  }
}

/** A query was refused: only single read-only statements (SELECT, WITH ..., DESCRIBE, SHOW) may run through the query API. */
export class QueryRejectedError extends BackboneError {
  constructor(message: string, cause?: unknown) {
    super('ANALYTICS_QUERY_REJECTED', message, { retriable: false, cause });
  }
}

/** Maps a DuckDB error to the backbone's errors (a held file lock becomes StoreLockedError). */
export function classifyStoreError(err: unknown, what: string, dbPath: string): BackboneError {
  if (err instanceof BackboneError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // DuckDB names a held lock only in its message: the one place the sink reads one.
  if (/Could not set lock on file|Conflicting lock is held/i.test(message)) return new StoreLockedError(dbPath, err);
  return new StoreError(`${what}: ${message}`, err, { dbPath });
}
