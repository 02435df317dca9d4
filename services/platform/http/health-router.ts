import { Router, type Response } from 'express';
import { beforeDeadline } from '../retry/deadline.ts';

/** A readiness check: resolves true when the dependency is usable. */
export type ReadinessCheck = () => Promise<boolean> | boolean;

/** How long a readiness check may take before it counts as down (a healthcheck must answer promptly). */
export const readinessTimeoutMs = 1500;

const withDeadline = (check: ReadinessCheck, ms: number): Promise<boolean> =>
  beforeDeadline(
    Promise.resolve()
      .then(check)
      .catch(() => false),
    ms,
    () => false,
  );

/**
 * GET /health/live and GET /health/ready, as used by docker-compose healthchecks, load
 * balancers and orchestrators. Ready passes when every named check passes. Live passes while
 * the process runs and every `live` check passes: a liveness failure means "restart me", as
 * when a consumer's client gave up for good. Both answer 503 naming what fails; a check that
 * throws or takes longer than `timeoutMs` is down.
 */
export function healthRouter(checks: Record<string, ReadinessCheck>, opts: { timeoutMs?: number; live?: Record<string, ReadinessCheck> } = {}): Router {
  const router = Router();
  const answer = async (named: Record<string, ReadinessCheck>, res: Response) => {
    const results = await Promise.all(Object.entries(named).map(async ([name, check]) => [name, await withDeadline(check, opts.timeoutMs ?? readinessTimeoutMs)] as const));
    const ok = results.every(([, up]) => up);
    res.status(ok ? 200 : 503).json({ status: ok ? 'UP' : 'DOWN', checks: Object.fromEntries(results.map(([n, up]) => [n, up ? 'UP' : 'DOWN'])) });
  };
  router.get('/health/live', (_req, res) => answer(opts.live ?? {}, res));
  router.get('/health/ready', (_req, res) => answer(checks, res));
  return router;
}
