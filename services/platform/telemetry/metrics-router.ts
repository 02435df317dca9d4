import { Router } from 'express';
import { metricsRegistry } from './metrics.ts';

/** GET /metrics: this process's metrics in Prometheus text exposition format, for scraping. */
export function metricsRouter(): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    try {
      const body = await metricsRegistry.metrics();
      res.set('content-type', metricsRegistry.contentType).send(body);
    } catch (err) {
      res.status(500).type('text/plain').send(`metrics collection failed: ${(err as Error).message}\n`);
    }
  });
  return router;
}
