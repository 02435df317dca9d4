/** Admin API process: tracing (when configured), config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';

// Imported inside build(), after runService started tracing, so the instrumented libraries load after the SDK.
await runService('admin-api', async () => {
  const [{ consumerDefinitions }, { adminApiConfigFromEnv }, { AdminApi }] = await Promise.all([
    import('../../scripts/consumer-definitions.ts'),
    import('./admin-api-config.ts'),
    import('./admin-api.ts'),
  ]);
  return new AdminApi(adminApiConfigFromEnv(), consumerDefinitions);
});
