/** Analytics sink process: tracing (when configured), config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';

// Imported inside build(), after runService started tracing, so the instrumented libraries load after the SDK.
await runService('analytics-sink', async () => {
  const [{ analyticsSinkConfigFromEnv }, { AnalyticsSink }] = await Promise.all([import('./analytics-config.ts'), import('./analytics-sink.ts')]);
  return AnalyticsSink.fromConfig(analyticsSinkConfigFromEnv());
});
