/**
 * One WMS adapter instance for the ingest case, run as its own process (so the load generator
 * does not share its event loop). Settings come from the environment the parent passes:
 * LEB_TOPIC_PREFIX (the bench topics) and BENCH_SOURCE_SYSTEM. Prints "READY <url>" when listening.
 */
import { platformConfigFromEnv } from '../services/platform/config/load-config.ts';
import { WebhookAdapter } from '../services/platform/ingest/webhook-adapter.ts';
import { createLogger } from '../services/platform/logging/logger.ts';
import { wmsAdapter } from '../services/wms-adapter/wms-adapter.ts';
import { testWebhookSecret } from '../test/support/wms-client.ts';

const platform = { ...platformConfigFromEnv(process.env, 'bench-wms-adapter'), logLevel: 'silent' as const };
const adapter = WebhookAdapter.fromConfig(
  wmsAdapter,
  {
    host: '127.0.0.1',
    port: 0,
    webhookSecret: testWebhookSecret,
    sourceSystem: process.env.BENCH_SOURCE_SYSTEM ?? 'wms-bench',
    maxBodyBytes: 65_536,
    ackTimeoutMs: 10_000,
    claimLeaseMs: 60_000,
    platform,
  },
  createLogger('bench-wms-adapter', 'silent'),
);
await adapter.start();
process.stdout.write(`READY ${adapter.url}\n`);
const stop = async () => {
  await adapter.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
