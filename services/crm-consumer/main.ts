/** CRM consumer process: tracing (when configured), config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';

// Imported inside build(), after runService started tracing, so the instrumented libraries load after the SDK.
await runService('crm-consumer', async () => {
  const [{ CrmConsumer }, { crmConsumerConfigFromEnv }] = await Promise.all([import('./crm-consumer.ts'), import('./crm-consumer-config.ts')]);
  return CrmConsumer.fromConfig(crmConsumerConfigFromEnv());
});
