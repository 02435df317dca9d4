/** A service's readiness as the overview shows it. */
export interface ServiceHealth {
  name: string;
  url: string;
  status: 'UP' | 'DOWN' | 'UNREACHABLE';
  /** Per-dependency checks the service reported (e.g. kafka, stateStore). */
  checks: Record<string, string>;
  latencyMs?: number;
  error?: string;
}

/**
 * Polls `GET <url>/health/ready` of each service in parallel, each within `timeoutMs`. A
 * service that does not answer is UNREACHABLE (not running, or a wrong CONSOLE_SERVICES url).
 */
export async function pollServices(services: Array<{ name: string; url: string }>, timeoutMs = 2000): Promise<ServiceHealth[]> {
  return Promise.all(
    services.map(async ({ name, url }): Promise<ServiceHealth> => {
      const t0 = Date.now();
      try {
        const res = await fetch(`${url.replace(/\/+$/, '')}/health/ready`, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
        const body = (await res.json().catch(() => ({}))) as { status?: string; checks?: Record<string, string> };
        const checks = body.checks && typeof body.checks === 'object' ? Object.fromEntries(Object.entries(body.checks).map(([k, v]) => [k, String(v)])) : {};
        return { name, url, status: res.ok ? 'UP' : 'DOWN', checks, latencyMs: Date.now() - t0 };
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        return { name, url, status: 'UNREACHABLE', checks: {}, error: e.cause?.code ?? e.cause?.message ?? e.message };
      }
    }),
  );
}
