import type { DuckDBConnection } from '@duckdb/node-api';
import { SchemaIncompatibleError } from '../platform/errors/backbone-error.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { colTypeOfDuckDb, ident, mergeColTypes, sameColType, sqlOf, type ColType } from './column-model.ts';
import { envelopeColumns, type TableLayout } from './table-layout.ts';

/** Name of the view that unions the envelope columns of every event table. */
export const allEventsView = 'all_events';

/** Envelope column types, for all_events rows of a table that lacks one. */
const envelopeTypes: Record<string, string> = { partition: 'INTEGER', offset: 'BIGINT', schema_id: 'INTEGER', occurred_at: 'TIMESTAMPTZ', recorded_at: 'TIMESTAMPTZ' };

/**
 * The event tables of a store and their current column types, kept in memory and changed only
 * through `ensure`, which evolves a table to hold a writer schema without manual migration:
 * missing tables are created, missing columns added (existing rows read NULL), and columns
 * widened when a newer schema needs it (new struct fields, int → long). Column types never
 * narrow and columns are never dropped, so every older row keeps working.
 */
export class TableCatalog {
  private readonly tables = new Map<string, Map<string, ColType>>();

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly logger: Logger,
  ) {}

  /** Reads the event tables that exist in the store. */
  async load(): Promise<void> {
    const names = await this.conn.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND table_name LIKE 'events\\_%' ESCAPE '\\'`);
    for (const [name] of names.getRowsJson() as string[][]) await this.reload(name!);
  }

  private async reload(table: string): Promise<Map<string, ColType>> {
    const r = await this.conn.runAndReadAll(`SELECT * FROM ${ident(table)} LIMIT 0`);
    const types = r.columnTypes();
    const cols = new Map(r.columnNames().map((n, i) => [n, colTypeOfDuckDb(types[i]!)]));
    this.tables.set(table, cols);
    return cols;
  }

  /** Event table names, sorted. */
  get tableNames(): string[] {
    return [...this.tables.keys()].sort();
  }

  /** The current type of a column (after `ensure`). */
  columnType(table: string, column: string): ColType {
    const t = this.tables.get(table)?.get(column);
    if (!t) throw new Error(`column ${table}.${column} is not in the catalog: call ensure() first`);
    return t;
  }

  /**
   * Makes `layout.table` able to hold rows of this layout. Runs DDL outside any row
   * transaction (each statement commits on its own and is idempotent), so a crash between DDL
   * and rows leaves only an empty column behind. Throws SchemaIncompatibleError when a column
   * cannot hold both the old and the new type (e.g. a string field became a record).
   */
  async ensure(layout: TableLayout): Promise<void> {
    let cols = this.tables.get(layout.table);
    if (!cols) {
      const defs = layout.columns.map((c) => `${ident(c.name)} ${sqlOf(c.type)}${c.name === 'event_id' ? ' PRIMARY KEY' : ''}`);
      await this.conn.run(`CREATE TABLE IF NOT EXISTS ${ident(layout.table)} (${defs.join(', ')})`);
      cols = await this.reload(layout.table);
      this.logger.info({ table: layout.table, columns: cols.size }, 'event table created');
      await this.refreshAllEvents();
    }
    for (const c of layout.columns) {
      const have = cols.get(c.name);
      if (!have) {
        await this.conn.run(`ALTER TABLE ${ident(layout.table)} ADD COLUMN IF NOT EXISTS ${ident(c.name)} ${sqlOf(c.type)}`);
        cols.set(c.name, c.type);
        this.logger.info({ table: layout.table, column: c.name, type: sqlOf(c.type) }, 'column added for a new schema field');
        continue;
      }
      if (sameColType(have, c.type)) continue;
      const merged = mergeColTypes(have, c.type);
      if (!merged) {
        throw new SchemaIncompatibleError(`column ${layout.table}.${c.name} is ${sqlOf(have)} and cannot also hold ${sqlOf(c.type)}`, {
          subject: layout.eventType,
          field: c.name,
          reason: `${sqlOf(have)} vs ${sqlOf(c.type)}`,
        });
      }
      if (sameColType(have, merged)) continue;
      await this.conn.run(`ALTER TABLE ${ident(layout.table)} ALTER COLUMN ${ident(c.name)} TYPE ${sqlOf(merged)}`);
      cols.set(c.name, merged);
      this.logger.info({ table: layout.table, column: c.name, from: sqlOf(have), to: sqlOf(merged) }, 'column widened for a new schema version');
    }
  }

  /** (Re)creates all_events: the envelope columns of every event table, one row per event. */
  async refreshAllEvents(): Promise<void> {
    const selects = this.tableNames.map((table) => {
      const cols = this.tables.get(table)!;
      const list = envelopeColumns.map((c) => (cols.has(c) ? ident(c) : `CAST(NULL AS ${envelopeTypes[c] ?? 'VARCHAR'}) AS ${ident(c)}`));
      return `SELECT ${list.join(', ')} FROM ${ident(table)}`;
    });
    if (selects.length === 0) return;
    await this.conn.run(`CREATE OR REPLACE VIEW ${allEventsView} AS\n${selects.join('\nUNION ALL\n')}`);
  }
}
