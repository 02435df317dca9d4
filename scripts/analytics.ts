/**
 * `npm run analytics:query -- "<sql>" [--json]`, `npm run analytics:export -- [--from D] [--to D] [--type T ...]`,
 * `npm run analytics:backfill`: the data team's commands over the analytics store.
 * Query and export open the DuckDB file read-only; while the sink runs (it holds the file),
 * they go through the sink's HTTP API instead.
 */
import { Command } from 'commander';
import { analyticsSinkConfigFromEnv } from '../services/analytics-sink/analytics-config.ts';
import { StoreLockedError } from '../services/analytics-sink/analytics-errors.ts';
import { AnalyticsStore } from '../services/analytics-sink/analytics-store.ts';
import { runBackfill } from '../services/analytics-sink/backfill.ts';
import { exportParquet, type ExportedTable } from '../services/analytics-sink/parquet-export.ts';
import type { QueryResult } from '../services/analytics-sink/read-only-query.ts';
import { formatJson, formatTable } from '../services/analytics-sink/result-format.ts';
import { BackboneError } from '../services/platform/errors/backbone-error.ts';
import { createLogger } from '../services/platform/logging/logger.ts';

const config = analyticsSinkConfigFromEnv();
const logger = createLogger('analytics', process.env.LOG_LEVEL ?? 'warn');
const sinkUrl = process.env.ANALYTICS_URL ?? `http://${config.host}:${config.httpPort}`;

/** Runs `direct` on the store file, or `viaSink` when the running sink holds it. */
async function onStore<T>(dbPath: string, direct: (s: AnalyticsStore) => Promise<T>, viaSink: () => Promise<T>): Promise<T> {
  let store: AnalyticsStore;
  try {
    store = await AnalyticsStore.open({ dbPath, logger, readOnly: true });
  } catch (err) {
    if (err instanceof StoreLockedError) return viaSink();
    throw err;
  }
  try {
    return await direct(store);
  } finally {
    await store.close();
  }
}

async function callSink<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${sinkUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    throw new Error(`the store is held by another process and the sink's API at ${sinkUrl} does not answer (${(err as Error).message}); set ANALYTICS_URL`);
  }
  const json = (await res.json()) as T & { detail?: string; code?: string };
  if (!res.ok) throw new Error(`${json.code ?? res.status}: ${json.detail ?? JSON.stringify(json)}`);
  return json;
}

const program = new Command('analytics').description('query, export and backfill the analytics store');

program
  .command('query')
  .description('run one read-only SQL statement and print the result')
  .argument('<sql>', 'e.g. "SELECT * FROM on_time_delivery_by_carrier"')
  .option('--json', 'print {columns, rows} as JSON')
  .option('--db <path>', 'DuckDB file (default ANALYTICS_DB_PATH)', config.dbPath)
  .action(async (sql: string, opts: { json?: boolean; db: string }) => {
    const result = await onStore<QueryResult>(opts.db, (s) => s.query(sql), () => callSink('/analytics/query', { sql }));
    console.log(opts.json ? formatJson(result) : formatTable(result));
  });

program
  .command('export')
  .description('write Parquet partitioned by event type and day (event_type=X/date=YYYY-MM-DD/)')
  .option('--out <dir>', 'output folder (default ANALYTICS_EXPORT_DIR; the running sink always writes there)', config.exportDir)
  .option('--from <date>', 'first day (UTC, YYYY-MM-DD) of occurred_at')
  .option('--to <date>', 'last day (UTC, YYYY-MM-DD) of occurred_at')
  .option('--type <eventType...>', 'only these event types, e.g. PickCompleted')
  .option('--db <path>', 'DuckDB file (default ANALYTICS_DB_PATH)', config.dbPath)
  .action(async (opts: { out: string; from?: string; to?: string; type?: string[]; db: string }) => {
    const req = { from: opts.from, to: opts.to, eventTypes: opts.type };
    const { outDir, tables } = await onStore<{ outDir: string; tables: ExportedTable[] }>(
      opts.db,
      async (s) => ({ outDir: opts.out, tables: await exportParquet(s.connection, s.tables.tableNames, { ...req, outDir: opts.out }) }),
      () => callSink('/analytics/export', req),
    );
    for (const t of tables) console.log(`${t.eventType.padEnd(26)} ${String(t.rows).padStart(9)} rows`);
    console.log(`exported ${tables.reduce((n, t) => n + t.rows, 0)} rows to ${outDir}`);
  });

program
  .command('backfill')
  .description('read the canonical topics from the stored offsets (a new store: from the beginning) to their current end, then stop')
  .option('--db <path>', 'DuckDB file (default ANALYTICS_DB_PATH)', config.dbPath)
  .option('--group <id>', 'consumer group (default ANALYTICS_GROUP + "-backfill")', `${config.groupId}-backfill`)
  .action(async (opts: { db: string; group: string }) => {
    await runBackfill({ config: { ...config, dbPath: opts.db, groupId: opts.group }, logger, out: process.stdout });
  });

program.parseAsync().catch((err: unknown) => {
  const msg = err instanceof BackboneError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
  console.error(`analytics: ${msg}`);
  process.exit(1);
});
