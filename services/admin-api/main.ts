/** Admin API process: config from the environment, start, graceful shutdown. */
import { consumerDefinitions } from '../../scripts/consumer-definitions.ts';
import { runService } from '../platform/runtime/run-service.ts';
import { adminApiConfigFromEnv } from './admin-api-config.ts';
import { AdminApi } from './admin-api.ts';

await runService('admin-api', () => new AdminApi(adminApiConfigFromEnv(), consumerDefinitions));
