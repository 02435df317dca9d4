import type { QueryResult } from './read-only-query.ts';

function cell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A query result as an aligned text table with a row count, for people at a terminal. */
export function formatTable(result: QueryResult): string {
  const names = result.columns.map((c) => c.name);
  const rows = result.rows.map((r) => names.map((n) => cell(r[n])));
  const widths = names.map((n, i) => Math.max(n.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  const out = [line(names), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return out.join('\n');
}

/** A query result as JSON for scripts: {columns, rows}. */
export function formatJson(result: QueryResult): string {
  return JSON.stringify(result, null, 2);
}
