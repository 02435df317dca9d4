import { Router } from 'express';

/** A readiness check: resolves true when the dependency is usable. */
export type ReadinessCheck = () => Promise<boolean> | boolean;

/**
 * GET /health/live (the process runs) and GET /health/ready (every named check passes), as
 * used by docker-compose healthchecks and load balancers. Ready answers 503 naming what fails.
 */
export function healthRouter(checks: Record<string, ReadinessCheck>): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'UP' });
  });
  router.get('/health/ready', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await Promise.resolve(check()).catch(() => false)] as const),
    );
    const ok = results.every(([, up]) => up);
    res.status(ok ? 200 : 503).json({ status: ok ? 'UP' : 'DOWN', checks: Object.fromEntries(results.map(([n, up]) => [n, up ? 'UP' : 'DOWN'])) });
  });
  return router;
}
