/** Stand-in ERP process for the local demo: logs every posting it receives. */
import { runService } from '../platform/runtime/run-service.ts';

// Imported inside build(), after runService started tracing, so the instrumented libraries load after the SDK.
await runService('demo-erp', async () => {
  const [{ createLogger }, { DemoErp }] = await Promise.all([import('../platform/logging/logger.ts'), import('./demo-erp.ts')]);
  const logger = createLogger('demo-erp', process.env.LOG_LEVEL ?? 'info');
  return new DemoErp({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.DEMO_ERP_PORT ?? 18200), logger, delayMs: Number(process.env.DEMO_ERP_DELAY_MS ?? 0) });
});
