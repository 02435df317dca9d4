/** WMS adapter process: config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';
import { WmsAdapter, wmsAdapterConfigFromEnv } from './wms-adapter.ts';

await runService('wms-adapter', () => WmsAdapter.fromConfig(wmsAdapterConfigFromEnv()));
