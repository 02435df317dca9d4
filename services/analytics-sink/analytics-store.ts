import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { Logger } from '../platform/logging/logger.ts';
import { loadEventSchemas } from '../platform/schemas/schema-catalog.ts';
import { classifyStoreError } from './analytics-errors.ts';
import { applyViews } from './analytics-views.ts';
import { ident, sqlOf, toColumnData } from './column-model.ts';
import { runReadOnlyQuery, type QueryResult } from './read-only-query.ts';
import { TableCatalog } from './table-catalog.ts';
import { layoutOf, type RecordMeta, type TableLayout } from './table-layout.ts';

/** Name of the table holding, per topic partition, the next offset to read: written in the same transaction as the rows. */
export const offsetsTable = 'sink_offsets';

/** One event to store: its layout (from the writer schema), decoded value and Kafka coordinates. */
export interface StoreRow {
  layout: TableLayout;
  event: Record<string, unknown>;
  meta: RecordMeta;
}

/** The partition position a batch moves the store to. */
export interface StorePosition {
  topic: string;
  partition: number;
  /** Offset of the next record to read: last stored offset + 1. */
  nextOffset: bigint;
}

/** Test seams: called inside the batch transaction, after the rows and offsets were written and before COMMIT. */
export interface StoreHooks {
  beforeCommit?(info: { rows: number; position: StorePosition }): void | Promise<void>;
}

/** How to open a store. */
export interface StoreOptions {
  dbPath: string;
  logger: Logger;
  /** Open without writing (CLI queries and exports); DuckDB then allows several reader processes. */
  readOnly?: boolean;
  /**
   * For the running sink: forbid file access from SQL except in this folder (Parquet exports),
   * so the query API cannot read or write other files.
   */
  confineFilesTo?: string;
  hooks?: StoreHooks;
}

/** Rows per INSERT statement. */
const rowsPerStatement = 1000;

/** `topic#partition`, the key of the in-memory offset map. */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}#${partition}`;
}

/**
 * The embedded DuckDB store: one table per event type, the offsets table, all_events and the
 * ready-made views. `writeBatch` is the exactly-once step: the rows of a batch and the
 * partition's next offset commit in one DuckDB transaction, or neither does.
 */
export class AnalyticsStore {
  /** Insert statements by SQL text: planning a cast to a wide STRUCT costs more than the rows. */
  private readonly statements = new Map<string, DuckDBPreparedStatement>();

  private constructor(
    readonly dbPath: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly readConn: DuckDBConnection,
    readonly tables: TableCatalog,
    private readonly opts: StoreOptions,
  ) {}

  /** Opens (creating when needed) the store, its tables for every canonical event type, and its views. */
  static async open(opts: StoreOptions): Promise<AnalyticsStore> {
    const dbPath = path.resolve(opts.dbPath);
    let instance: DuckDBInstance;
    try {
      if (!opts.readOnly) mkdirSync(path.dirname(dbPath), { recursive: true });
      instance = await DuckDBInstance.create(dbPath, opts.readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (err) {
      throw classifyStoreError(err, `opening ${dbPath}`, dbPath);
    }
    try {
      const conn = await instance.connect();
      const readConn = await instance.connect();
      for (const c of [conn, readConn]) await c.run(`SET TimeZone = 'UTC'`);
      const store = new AnalyticsStore(dbPath, instance, conn, readConn, new TableCatalog(conn, opts.logger), opts);
      await store.tables.load();
      if (!opts.readOnly) await store.initialize();
      if (opts.confineFilesTo) {
        mkdirSync(opts.confineFilesTo, { recursive: true });
        const dir = path.resolve(opts.confineFilesTo);
        // The folder itself (COPY checks it) and everything below it; nothing else.
        await conn.run(`SET allowed_paths = [${sqlString(dir)}]`);
        await conn.run(`SET allowed_directories = [${sqlString(dir + path.sep)}]`);
        await conn.run('SET enable_external_access = false');
      }
      return store;
    } catch (err) {
      instance.closeSync();
      throw classifyStoreError(err, `initializing ${dbPath}`, dbPath);
    }
  }

  /** Creates the offsets table, a table for each canonical event type (from this repo's schemas), all_events and the views. */
  private async initialize(): Promise<void> {
    await this.conn.run(
      `CREATE TABLE IF NOT EXISTS ${offsetsTable} (topic VARCHAR NOT NULL, "partition" INTEGER NOT NULL, next_offset BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (topic, "partition"))`,
    );
    for (const s of loadEventSchemas().values()) await this.tables.ensure(layoutOf(s.type));
    await this.tables.refreshAllEvents();
    await applyViews(this.conn);
  }

  /** Stored next offsets, by `partitionKey(topic, partition)`. */
  async offsets(): Promise<Map<string, bigint>> {
    const r = await this.conn.runAndReadAll(`SELECT topic, "partition", next_offset FROM ${offsetsTable}`);
    return new Map((r.getRowsJson() as Array<[string, number, string]>).map(([t, p, o]) => [partitionKey(t, p), BigInt(o)]));
  }

  /** Evolves the layout's table to hold it (see TableCatalog.ensure). */
  async prepare(layout: TableLayout): Promise<void> {
    try {
      await this.tables.ensure(layout);
    } catch (err) {
      throw classifyStoreError(err, `evolving ${layout.table}`, this.dbPath);
    }
  }

  /**
   * Stores a batch exactly once: inserts the rows and moves the partition's stored offset to
   * `position.nextOffset`, in one transaction. An event id already stored (a vendor retry
   * published twice) is kept once. Every layout must have been `prepare`d.
   *
   * Plain INSERTs are tried first; DuckDB's conflict-ignoring INSERT costs several times more
   * per statement. If the fast attempt fails (e.g. on an event id already stored) it is rolled
   * back whole and the batch is written again ignoring conflicts.
   */
  async writeBatch(rows: StoreRow[], position: StorePosition): Promise<{ inserted: number; duplicates: number }> {
    const unique: StoreRow[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      const id = `${r.layout.table}/${String((r.event.envelope as { eventId?: unknown } | undefined)?.eventId)}`;
      if (!seen.has(id)) unique.push(r);
      seen.add(id);
    }
    let inserted: number;
    try {
      inserted = await this.transaction(unique, position, false);
    } catch {
      try {
        inserted = await this.transaction(unique, position, true);
      } catch (err) {
        throw classifyStoreError(err, `storing a batch of ${position.topic}[${position.partition}]`, this.dbPath);
      }
    }
    return { inserted, duplicates: rows.length - inserted };
  }

  private async transaction(rows: StoreRow[], position: StorePosition, ignoreConflicts: boolean): Promise<number> {
    let inserted = 0;
    try {
      await this.conn.run('BEGIN TRANSACTION');
      const byLayout = new Map<TableLayout, StoreRow[]>();
      for (const r of rows) byLayout.set(r.layout, [...(byLayout.get(r.layout) ?? []), r]);
      for (const [layout, group] of byLayout) {
        for (let i = 0; i < group.length; i += rowsPerStatement) inserted += await this.insert(layout, group.slice(i, i + rowsPerStatement), ignoreConflicts);
      }
      await this.conn.run(
        `INSERT INTO ${offsetsTable} VALUES ($1, $2, $3, now()) ON CONFLICT (topic, "partition") DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at`,
        [position.topic, position.partition, position.nextOffset],
      );
      await this.opts.hooks?.beforeCommit?.({ rows: rows.length, position });
      await this.conn.run('COMMIT');
      return inserted;
    } catch (err) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  /**
   * Inserts rows with one statement and one parameter: the rows as a JSON array, cast by DuckDB
   * to a list of STRUCTs typed like the table's columns, then unnested. Binding one value per
   * cell was ten times slower.
   */
  private async insert(layout: TableLayout, rows: StoreRow[], ignoreConflicts: boolean): Promise<number> {
    const types = layout.columns.map((c) => this.tables.columnType(layout.table, c.name));
    const data = rows.map((r) =>
      Object.fromEntries(
        layout.columns.map((c, i) => {
          const value = c.read(r.event, r.meta);
          return [c.name, c.avroType ? toColumnData(c.avroType, value, types[i]!) : value];
        }),
      ),
    );
    const rowType = sqlOf({ kind: 'struct', fields: layout.columns.map((c, i) => ({ name: c.name, type: types[i]! })) });
    const cols = layout.columns.map((c) => ident(c.name));
    const sql = `INSERT ${ignoreConflicts ? 'OR IGNORE ' : ''}INTO ${ident(layout.table)} (${cols.join(', ')}) SELECT ${cols.map((c) => `r.${c}`).join(', ')} FROM (SELECT unnest($1::JSON::${rowType}[]) AS r)`;
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = await this.conn.prepare(sql);
      this.statements.set(sql, prepared);
    }
    prepared.bindVarchar(1, JSON.stringify(data));
    const result = await prepared.run();
    return result.rowsChanged;
  }

  /** Runs one read-only statement (SELECT, WITH, EXPLAIN) on the store's reader connection. */
  async query(sql: string): Promise<QueryResult> {
    return runReadOnlyQuery(this.readConn, sql);
  }

  /** The connection for maintenance work such as Parquet export (not for use while the sink writes). */
  get connection(): DuckDBConnection {
    return this.readConn;
  }

  /** Checkpoints (unless read-only) and closes the file. */
  async close(): Promise<void> {
    if (!this.opts.readOnly) await this.conn.run('CHECKPOINT').catch(() => undefined);
    this.readConn.closeSync();
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** A single-quoted SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
