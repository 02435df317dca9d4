import { Router } from 'express';

/** A readiness check: resolves true when the dependency is usable. */
export type ReadinessCheck = () => Promise<boolean> | boolean;

/** How long a readiness check may take before it counts as down (a healthcheck must answer promptly). */
export const readinessTimeoutMs = 1500;

const withDeadline = async (check: ReadinessCheck, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(check).catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * GET /health/live (the process runs) and GET /health/ready (every named check passes), as
 * used by docker-compose healthchecks and load balancers. Ready answers 503 naming what fails;
 * a check that throws or takes longer than `timeoutMs` is down.
 */
export function healthRouter(checks: Record<string, ReadinessCheck>, opts: { timeoutMs?: number } = {}): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'UP' });
  });
  router.get('/health/ready', async (_req, res) => {
    const results = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await withDeadline(check, opts.timeoutMs ?? readinessTimeoutMs)] as const));
    const ok = results.every(([, up]) => up);
    res.status(ok ? 200 : 503).json({ status: ok ? 'UP' : 'DOWN', checks: Object.fromEntries(results.map(([n, up]) => [n, up ? 'UP' : 'DOWN'])) });
  });
  return router;
}
