import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { parseConfig, platformConfigFromEnv, type PlatformConfig } from '../platform/config/load-config.ts';
import type { EventProducer } from '../platform/kafka/event-producer.ts';
import { WebhookSignatureVerifier } from '../platform/http/webhook-signature.ts';
import { createLogger, type Logger } from '../platform/logging/logger.ts';
import { Platform } from '../platform/runtime/platform.ts';
import { wmsMappings } from './mappings/index.ts';
import { createWebhookApp } from './webhook-app.ts';

const adapterSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  /** Standard Webhooks secret shared with the WMS ("whsec_" + base64). */
  webhookSecret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'expected "whsec_" followed by a base64 key of at least 12 bytes'),
  sourceSystem: z.string().min(1),
  maxBodyBytes: z.number().int().min(1024),
});

/** Validated WMS adapter settings. */
export type WmsAdapterConfig = z.infer<typeof adapterSchema> & { platform: PlatformConfig };

/** Reads the adapter's config from the environment; fails naming the wrong variable. */
export function wmsAdapterConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WmsAdapterConfig {
  const own = parseConfig(
    adapterSchema,
    {
      host: env.HOST ?? '127.0.0.1',
      port: Number(env.WMS_ADAPTER_PORT ?? 18100),
      webhookSecret: env.WMS_WEBHOOK_SECRET ?? '',
      sourceSystem: env.WMS_SOURCE_SYSTEM ?? 'wms-local',
      maxBodyBytes: Number(env.WMS_MAX_BODY_BYTES ?? 262_144),
    },
    { host: 'HOST', port: 'WMS_ADAPTER_PORT', webhookSecret: 'WMS_WEBHOOK_SECRET', sourceSystem: 'WMS_SOURCE_SYSTEM', maxBodyBytes: 'WMS_MAX_BODY_BYTES' },
  );
  return { ...own, platform: platformConfigFromEnv(env, 'wms-adapter') };
}

/**
 * The WMS producer adapter: an HTTP server taking WMS webhooks and publishing canonical events.
 * Lifecycle: `fromConfig` → `start()` (connects Kafka, then listens) → `stop()` (stops
 * accepting, drains in-flight requests, disconnects).
 */
export class WmsAdapter {
  private server?: Server;
  private producer?: EventProducer;

  private constructor(
    readonly config: WmsAdapterConfig,
    readonly platform: Platform,
    private readonly logger: Logger,
  ) {}

  static fromConfig(config: WmsAdapterConfig, logger = createLogger('wms-adapter', config.platform.logLevel)): WmsAdapter {
    return new WmsAdapter(config, Platform.fromConfig(config.platform, logger), logger);
  }

  /** Base URL the adapter listens on (after start). */
  get url(): string {
    const addr = this.server?.address() as AddressInfo | undefined;
    if (!addr) throw new Error('adapter not started');
    return `http://${this.config.host}:${addr.port}`;
  }

  async start(): Promise<void> {
    this.producer = await this.platform.eventProducer();
    const app = createWebhookApp({
      sourceSystem: this.config.sourceSystem,
      maxBodyBytes: this.config.maxBodyBytes,
      verifier: new WebhookSignatureVerifier(this.config.webhookSecret),
      mappings: wmsMappings,
      producer: () => this.producer,
      readiness: { kafka: () => this.producer !== undefined },
      logger: this.logger,
    });
    await new Promise<void>((resolve, reject) => {
      const server = app.listen(this.config.port, this.config.host, () => resolve());
      server.once('error', reject);
      this.server = server;
    });
    this.logger.info({ url: this.url }, 'WMS adapter listening: POST /webhooks/wms/v1');
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) {
      // Finish requests already waiting for a Kafka acknowledgement before disconnecting.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    }
    this.producer = undefined;
    await this.platform.close();
  }
}
