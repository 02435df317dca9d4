import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Logger } from '../platform/logging/logger.ts';
import { loadEventSchemas } from '../platform/schemas/schema-catalog.ts';
import { classifyStoreError } from './analytics-errors.ts';
import { applyViews } from './analytics-views.ts';
import { ident, sqlOf, toParam } from './column-model.ts';
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

/** Rows per INSERT statement (each row binds one parameter per column). */
const rowsPerStatement = 250;

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
   * Stores a batch exactly once: inserts the rows (an event id already stored is ignored, e.g.
   * a vendor retry published twice) and moves the partition's stored offset to
   * `position.nextOffset`, in one transaction. Every layout must have been `prepare`d.
   */
  async writeBatch(rows: StoreRow[], position: StorePosition): Promise<{ inserted: number; duplicates: number }> {
    let inserted = 0;
    try {
      await this.conn.run('BEGIN TRANSACTION');
      const byLayout = new Map<TableLayout, StoreRow[]>();
      for (const r of rows) byLayout.set(r.layout, [...(byLayout.get(r.layout) ?? []), r]);
      for (const [layout, group] of byLayout) {
        for (let i = 0; i < group.length; i += rowsPerStatement) inserted += await this.insert(layout, group.slice(i, i + rowsPerStatement));
      }
      await this.conn.run(
        `INSERT INTO ${offsetsTable} VALUES ($1, $2, $3, now()) ON CONFLICT (topic, "partition") DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at`,
        [position.topic, position.partition, position.nextOffset],
      );
      await this.opts.hooks?.beforeCommit?.({ rows: rows.length, position });
      await this.conn.run('COMMIT');
    } catch (err) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw classifyStoreError(err, `storing a batch of ${position.topic}[${position.partition}]`, this.dbPath);
    }
    return { inserted, duplicates: rows.length - inserted };
  }

  private async insert(layout: TableLayout, rows: StoreRow[]): Promise<number> {
    const params: Array<string | number | boolean | bigint | null> = [];
    const tuples = rows.map((r) => {
      const placeholders = layout.columns.map((c) => {
        const type = this.tables.columnType(layout.table, c.name);
        const value = c.read(r.event, r.meta);
        const n = params.length + 1;
        const p = c.avroType ? toParam(c.avroType, value, type, n) : { sql: `$${n}::${sqlOf(type)}`, value: value as string | number };
        params.push(p.value);
        return p.sql;
      });
      return `(${placeholders.join(', ')})`;
    });
    const sql = `INSERT OR IGNORE INTO ${ident(layout.table)} (${layout.columns.map((c) => ident(c.name)).join(', ')}) VALUES ${tuples.join(', ')}`;
    const result = await this.conn.run(sql, params);
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
