import express, { Router } from 'express';
import { BackboneError } from '../platform/errors/backbone-error.ts';
import { sendProblem } from '../platform/http/problem.ts';
import type { AnalyticsStore } from './analytics-store.ts';
import { exportParquet } from './parquet-export.ts';

/** What the query router needs from the running sink. */
export interface QueryRouterDeps {
  store: () => AnalyticsStore | undefined;
  exportDir: string;
  stats: () => Record<string, unknown>;
}

/**
 * The running sink's query API, for `npm run analytics:query` while the sink holds the DuckDB
 * file (DuckDB allows one writer process, and no reader beside it):
 * - POST /analytics/query  {"sql": "..."}: one read-only statement → {columns, rows}
 * - POST /analytics/export {"from"?, "to"?, "eventTypes"?}: Parquet into the sink's export folder
 * - GET  /analytics/stats: counters and stored offsets
 * SQL here cannot touch files outside the export folder (the store is opened confined to it).
 */
export function queryRouter(deps: QueryRouterDeps): Router {
  const router = Router();
  router.use('/analytics', express.json({ limit: '256kb' }));
  const fail = (res: express.Response, err: unknown) => {
    const e = err instanceof BackboneError ? err : undefined;
    if (e && !e.retriable) return sendProblem(res, 400, e.code, e.message);
    sendProblem(res, 503, e?.code ?? 'UNEXPECTED', err instanceof Error ? err.message : String(err), { retryAfterSeconds: 1 });
  };
  router.post('/analytics/query', async (req, res) => {
    const store = deps.store();
    const sql = (req.body as { sql?: unknown })?.sql;
    if (!store) return sendProblem(res, 503, 'ANALYTICS_NOT_READY', 'the analytics store is not open yet', { retryAfterSeconds: 1 });
    if (typeof sql !== 'string' || !sql.trim()) return sendProblem(res, 400, 'VALIDATION_FAILED', 'body must be {"sql": "<statement>"}');
    try {
      res.json(await store.query(sql));
    } catch (err) {
      fail(res, err);
    }
  });
  router.post('/analytics/export', async (req, res) => {
    const store = deps.store();
    if (!store) return sendProblem(res, 503, 'ANALYTICS_NOT_READY', 'the analytics store is not open yet', { retryAfterSeconds: 1 });
    const body = (req.body ?? {}) as { from?: string; to?: string; eventTypes?: string[] };
    try {
      const tables = await exportParquet(store.connection, store.tables.tableNames, { outDir: deps.exportDir, from: body.from, to: body.to, eventTypes: body.eventTypes });
      res.json({ outDir: deps.exportDir, tables });
    } catch (err) {
      fail(res, err);
    }
  });
  router.get('/analytics/stats', (_req, res) => {
    res.json(deps.stats());
  });
  return router;
}
