import type { PlatformConfig } from '../../services/platform/config/load-config.ts';
import { WebhookAdapter, type AdapterDefinition, type AdapterConfig } from '../../services/platform/ingest/webhook-adapter.ts';
import { wmsAdapter } from '../../services/wms-adapter/wms-adapter.ts';
import { testLogger } from './test-env.ts';
import { testWebhookSecret } from './wms-client.ts';

/** Starts an adapter on a free port against the test stack. */
export async function startAdapter(platform: PlatformConfig, overrides: Partial<AdapterConfig> = {}, definition: AdapterDefinition = wmsAdapter): Promise<WebhookAdapter> {
  const adapter = WebhookAdapter.fromConfig(
    definition,
    {
      host: '127.0.0.1',
      port: 0,
      webhookSecret: testWebhookSecret,
      sourceSystem: `${definition.envPrefix.toLowerCase()}-test`,
      maxBodyBytes: 65_536,
      ackTimeoutMs: 10_000,
      claimLeaseMs: 60_000,
      platform,
      ...overrides,
    },
    testLogger,
  );
  await adapter.start();
  return adapter;
}
