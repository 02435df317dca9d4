import { Router } from 'express';
import type { PartitionLag } from '../platform/kafka/consumer-lag.ts';
import type { SlaStore } from '../platform/sla/sla-store.ts';
import type { TimelineStore } from '../platform/timeline/timeline-store.ts';

/**
 * The monitor's JSON views: GET /lag (every configured group), GET /sla (rule counts and
 * breaches; `?status=breached|late&limit=`), GET /timeline?q=<shipment id, order id or key>.
 */
export function opsRouter(deps: { lag: () => Promise<PartitionLag[]>; sla: SlaStore; timeline: TimelineStore }): Router {
  const router = Router();
  router.get('/lag', async (_req, res) => {
    const partitions = await deps.lag();
    const groups = [...new Set(partitions.map((p) => p.groupId))].map((group) => ({
      group,
      total: partitions.filter((p) => p.groupId === group).reduce((n, p) => n + p.lag, 0),
    }));
    res.json({ total: partitions.reduce((n, p) => n + p.lag, 0), groups, partitions });
  });
  router.get('/sla', async (req, res) => {
    const status = req.query.status;
    if (status !== undefined && status !== 'breached' && status !== 'late') {
      res.status(400).json({ code: 'INVALID_QUERY', message: 'status must be "breached" or "late"' });
      return;
    }
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 100) || 100));
    const [rules, breaches] = await Promise.all([deps.sla.summary(), deps.sla.breaches({ status, limit })]);
    res.json({ rules, breaches });
  });
  router.get('/timeline', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    if (!q) {
      res.status(400).json({ code: 'INVALID_QUERY', message: 'q (a shipment id, order id or record key) is required' });
      return;
    }
    const limit = Math.min(5000, Math.max(1, Number(req.query.limit ?? 500) || 500));
    res.json({ q, entries: await deps.timeline.search(q, { limit }) });
  });
  return router;
}
