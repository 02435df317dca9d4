/** TMS adapter process: config from the environment, start, graceful shutdown. */
import { adapterConfigFromEnv, WebhookAdapter } from '../platform/ingest/webhook-adapter.ts';
import { runService } from '../platform/runtime/run-service.ts';
import { tmsAdapter } from './tms-adapter.ts';

await runService(tmsAdapter.name, () => WebhookAdapter.fromConfig(tmsAdapter, adapterConfigFromEnv(tmsAdapter)));
