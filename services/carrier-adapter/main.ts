/** Carrier adapter process: config from the environment, start, graceful shutdown. */
import { adapterConfigFromEnv, WebhookAdapter } from '../platform/ingest/webhook-adapter.ts';
import { runService } from '../platform/runtime/run-service.ts';
import { carrierAdapter } from './carrier-adapter.ts';

await runService(carrierAdapter.name, () => WebhookAdapter.fromConfig(carrierAdapter, adapterConfigFromEnv(carrierAdapter)));
