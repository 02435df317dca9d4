import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';

/** services/analytics-sink/sql: one ready-made view per file, applied in file-name order. */
export const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql');

/** A ready-made view: its name and the definition comment at the top of its file. */
export interface ViewDefinition {
  name: string;
  file: string;
  doc: string;
  sql: string;
}

/** Reads the ready-made views from `dir`. */
export function readViews(dir = viewsDir): ViewDefinition[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      const name = /CREATE OR REPLACE VIEW\s+(\w+)/i.exec(sql)?.[1];
      if (!name) throw new Error(`${file} does not define a view (expected "CREATE OR REPLACE VIEW <name>")`);
      const doc = sql
        .split('\n')
        .filter((l) => l.startsWith('--'))
        .map((l) => l.replace(/^--\s?/, ''))
        .join('\n');
      return { name, file, doc, sql };
    });
}

/** Creates or replaces every ready-made view (idempotent; views are bound when queried, so new columns never break them). */
export async function applyViews(conn: DuckDBConnection, dir = viewsDir): Promise<string[]> {
  const views = readViews(dir);
  for (const v of views) await conn.run(v.sql);
  return views.map((v) => v.name);
}
