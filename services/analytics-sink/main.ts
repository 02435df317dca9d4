/** Analytics sink process: config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';
import { analyticsSinkConfigFromEnv } from './analytics-config.ts';
import { AnalyticsSink } from './analytics-sink.ts';

await runService('analytics-sink', () => AnalyticsSink.fromConfig(analyticsSinkConfigFromEnv()));
