import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ConfigError } from '../platform/errors/backbone-error.ts';
import { sqlString } from './analytics-store.ts';
import { ident } from './column-model.ts';

/** What to export. Dates are UTC calendar days of occurred_at, inclusive. */
export interface ExportRequest {
  outDir: string;
  from?: string;
  to?: string;
  /** Event types (e.g. "PickCompleted"); all when empty. */
  eventTypes?: string[];
}

/** Rows exported per event type. */
export interface ExportedTable {
  eventType: string;
  table: string;
  rows: number;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Exports event tables to Parquet, Hive-partitioned by event type and day:
 * `<outDir>/event_type=PickCompleted/date=2026-11-22/data_0.parquet`. Re-exporting a day
 * replaces that day's file and leaves other days alone. Read it back with
 * `read_parquet('<outDir>/**\/*.parquet', hive_partitioning = true, union_by_name = true)`.
 */
export async function exportParquet(conn: DuckDBConnection, tables: string[], req: ExportRequest): Promise<ExportedTable[]> {
  for (const [name, value] of [
    ['from', req.from],
    ['to', req.to],
  ] as const) {
    if (value !== undefined && !isoDate.test(value)) throw new ConfigError(`export --${name} must be a date YYYY-MM-DD, got "${value}"`, { path: name });
  }
  const outDir = path.resolve(req.outDir);
  mkdirSync(outDir, { recursive: true });
  const conditions = [req.from ? `CAST(occurred_at AS DATE) >= DATE ${sqlString(req.from)}` : '', req.to ? `CAST(occurred_at AS DATE) <= DATE ${sqlString(req.to)}` : '']
    .filter(Boolean)
    .join(' AND ');
  const where = conditions ? `WHERE ${conditions}` : '';
  const out: ExportedTable[] = [];
  for (const table of tables) {
    const types = await conn.runAndReadAll(`SELECT DISTINCT event_type FROM ${ident(table)} ${where}`);
    const eventTypes = (types.getRowsJson() as string[][]).map(([t]) => t!);
    const wanted = eventTypes.filter((t) => !req.eventTypes?.length || req.eventTypes.includes(t));
    if (wanted.length === 0) continue;
    const filter = `${where ? `${where} AND` : 'WHERE'} event_type IN (${wanted.map(sqlString).join(', ')})`;
    const copied = await conn.run(
      `COPY (SELECT *, CAST(occurred_at AS DATE) AS date FROM ${ident(table)} ${filter}) TO ${sqlString(outDir)} (FORMAT PARQUET, PARTITION_BY (event_type, date), OVERWRITE_OR_IGNORE)`,
    );
    out.push({ eventType: wanted.join(','), table, rows: copied.rowsChanged });
  }
  return out;
}
