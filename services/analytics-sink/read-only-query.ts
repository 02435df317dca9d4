import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { QueryRejectedError } from './analytics-errors.ts';

/** A query's result: column names and types, and rows as JSON-safe values (BIGINT and timestamps as strings). */
export interface QueryResult {
  columns: Array<{ name: string; type: string }>;
  rows: Array<Record<string, unknown>>;
}

const readOnly = new Set([StatementType.SELECT, StatementType.EXPLAIN]);

/**
 * Runs exactly one read-only statement (SELECT, WITH … SELECT, EXPLAIN, DESCRIBE/SHOW, which
 * DuckDB plans as SELECT). Anything else (INSERT, DDL, SET, COPY, ATTACH, several statements)
 * is refused with QueryRejectedError before it runs.
 */
export async function runReadOnlyQuery(conn: DuckDBConnection, sql: string): Promise<QueryResult> {
  let prepared;
  try {
    const statements = await conn.extractStatements(sql);
    if (statements.count !== 1) throw new QueryRejectedError(`expected exactly one SQL statement, got ${statements.count}`);
    prepared = await statements.prepare(0);
  } catch (err) {
    if (err instanceof QueryRejectedError) throw err;
    throw new QueryRejectedError(`invalid SQL: ${(err as Error).message}`, err);
  }
  if (!readOnly.has(prepared.statementType)) {
    throw new QueryRejectedError(`only read-only statements may run here (SELECT, WITH, EXPLAIN, DESCRIBE); got a ${StatementType[prepared.statementType]} statement`);
  }
  let reader;
  try {
    reader = await prepared.runAndReadAll();
  } catch (err) {
    throw new QueryRejectedError(`query failed: ${(err as Error).message}`, err);
  }
  const types = reader.columnTypes();
  return {
    columns: reader.columnNames().map((name, i) => ({ name, type: types[i]!.toString() })),
    rows: reader.getRowObjectsJson() as Array<Record<string, unknown>>,
  };
}
