/** Stand-in ERP process for the local demo: logs every posting it receives. */
import { createLogger } from '../platform/logging/logger.ts';
import { runService } from '../platform/runtime/run-service.ts';
import { DemoErp } from './demo-erp.ts';

const logger = createLogger('demo-erp', process.env.LOG_LEVEL ?? 'info');
await runService('demo-erp', () => new DemoErp({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.DEMO_ERP_PORT ?? 18200), logger, delayMs: Number(process.env.DEMO_ERP_DELAY_MS ?? 0) }));
