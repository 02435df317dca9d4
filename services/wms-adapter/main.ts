/** WMS adapter process: config from the environment, start, graceful shutdown. */
import { adapterConfigFromEnv, WebhookAdapter } from '../platform/ingest/webhook-adapter.ts';
import { runService } from '../platform/runtime/run-service.ts';
import { wmsAdapter } from './wms-adapter.ts';

await runService(wmsAdapter.name, () => WebhookAdapter.fromConfig(wmsAdapter, adapterConfigFromEnv(wmsAdapter)));
