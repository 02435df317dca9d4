/** Carrier adapter process: tracing (when configured), config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';

// Imported inside build(), after runService started tracing, so the instrumented libraries load after the SDK.
await runService('carrier-adapter', async () => {
  const [{ adapterConfigFromEnv, WebhookAdapter }, { carrierAdapter }] = await Promise.all([import('../platform/ingest/webhook-adapter.ts'), import('./carrier-adapter.ts')]);
  return WebhookAdapter.fromConfig(carrierAdapter, adapterConfigFromEnv(carrierAdapter));
});
