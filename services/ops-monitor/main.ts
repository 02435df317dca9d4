/** Ops monitor process: config and SLA rules from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';
import { OpsMonitor } from './ops-monitor.ts';
import { opsMonitorConfigFromEnv } from './ops-monitor-config.ts';

await runService('ops-monitor', () => OpsMonitor.fromConfig(opsMonitorConfigFromEnv()));
