/** Stand-in CRM for the local demo: keeps cases in memory and logs them. */
import { createLogger } from '../platform/logging/logger.ts';
import { runService } from '../platform/runtime/run-service.ts';
import { DemoCrm } from './demo-crm.ts';

const logger = createLogger('demo-crm', process.env.LOG_LEVEL ?? 'info');
const crm = new DemoCrm();
await runService('demo-crm', () => ({
  start: async () => {
    await crm.start(Number(process.env.DEMO_CRM_PORT ?? 18210), process.env.HOST ?? '127.0.0.1');
    logger.info({ url: crm.url }, 'demo CRM listening: POST /api/v1/cases');
  },
  stop: () => crm.stop(),
}));
