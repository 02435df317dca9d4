/** ERP consumer process: tracing (when configured), config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';

// Imported inside build(), after runService started tracing, so the instrumented libraries load after the SDK.
await runService('erp-consumer', async () => {
  const { ErpConsumer, erpConsumerConfigFromEnv } = await import('./erp-consumer.ts');
  return ErpConsumer.fromConfig(erpConsumerConfigFromEnv());
});
