/** Ops monitor process: tracing (when configured), config and SLA rules from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';

// Imported inside build(), after runService started tracing, so the instrumented libraries load after the SDK.
await runService('ops-monitor', async () => {
  const [{ opsMonitorConfigFromEnv }, { OpsMonitor }] = await Promise.all([import('./ops-monitor-config.ts'), import('./ops-monitor.ts')]);
  return OpsMonitor.fromConfig(opsMonitorConfigFromEnv());
});
