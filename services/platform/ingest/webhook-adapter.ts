import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { parseConfig, platformConfigFromEnv, type PlatformConfig } from '../config/load-config.ts';
import { secretSetting } from '../config/secret-setting.ts';
import type { IoLogisticsCommon } from '../events/canonical-event.ts';
import { kafkaCheck } from '../http/kafka-check.ts';
import { WebhookSignatureVerifier } from '../http/webhook-signature.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { Platform } from '../runtime/platform.ts';
import type { BodyRouter } from './body-router.ts';
import { IngestPipeline } from './ingest-pipeline.ts';
import { createWebhookIngress } from './webhook-ingress.ts';

/** What distinguishes one producer adapter from another. */
export interface AdapterDefinition {
  /** Service name, e.g. "wms-adapter". */
  name: string;
  sourceKind: IoLogisticsCommon.SourceKind;
  /** Prefix of its environment variables, e.g. "WMS" → WMS_ADAPTER_PORT, WMS_WEBHOOK_SECRET. */
  envPrefix: string;
  defaultPort: number;
  /** Path → router: the endpoints and the vendor formats each accepts. */
  endpoints: Record<string, BodyRouter>;
}

const adapterSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  /** Standard Webhooks secret shared with the source ("whsec_" + base64). */
  webhookSecret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'expected "whsec_" followed by a base64 key of at least 12 bytes'),
  sourceSystem: z.string().min(1),
  maxBodyBytes: z.number().int().min(1024),
  /** How long a request waits for Kafka's acknowledgement before answering 503. */
  ackTimeoutMs: z.number().int().min(100),
  /** How long a claim on a delivery lives: must exceed ackTimeoutMs. */
  claimLeaseMs: z.number().int().min(1000),
}).refine((c) => c.claimLeaseMs > c.ackTimeoutMs, { path: ['claimLeaseMs'], message: 'must be longer than ackTimeoutMs' });

/** Validated adapter settings. */
export type AdapterConfig = z.infer<typeof adapterSchema> & { platform: PlatformConfig };

/** Reads an adapter's config from the environment (names from its prefix); fails naming the wrong variable. */
export function adapterConfigFromEnv(def: Pick<AdapterDefinition, 'name' | 'envPrefix' | 'defaultPort'>, env: NodeJS.ProcessEnv = process.env): AdapterConfig {
  const p = def.envPrefix;
  const names = {
    host: 'HOST',
    port: `${p}_ADAPTER_PORT`,
    webhookSecret: `${p}_WEBHOOK_SECRET`,
    sourceSystem: `${p}_SOURCE_SYSTEM`,
    maxBodyBytes: `${p}_MAX_BODY_BYTES`,
    ackTimeoutMs: `${p}_ACK_TIMEOUT_MS`,
    claimLeaseMs: `${p}_CLAIM_LEASE_MS`,
  };
  const own = parseConfig(
    adapterSchema,
    {
      host: env.HOST ?? '127.0.0.1',
      port: Number(env[names.port] ?? def.defaultPort),
      webhookSecret: secretSetting(env, names.webhookSecret) ?? '',
      sourceSystem: env[names.sourceSystem] ?? `${p.toLowerCase()}-local`,
      maxBodyBytes: Number(env[names.maxBodyBytes] ?? 262_144),
      ackTimeoutMs: Number(env[names.ackTimeoutMs] ?? 10_000),
      claimLeaseMs: Number(env[names.claimLeaseMs] ?? 60_000),
    },
    names,
  );
  return { ...own, platform: platformConfigFromEnv(env, def.name) };
}

/**
 * A producer adapter: an HTTP server taking vendor webhooks and publishing canonical events
 * through the ingest pipeline (raw archive, de-duplication, acks=all publish).
 * Lifecycle: `fromConfig` → `start()` (connects, then listens) → `stop()` (stops accepting,
 * lets in-flight requests finish, then disconnects).
 */
export class WebhookAdapter {
  private server?: Server;
  private pipeline?: IngestPipeline;

  private constructor(
    readonly definition: AdapterDefinition,
    readonly config: AdapterConfig,
    readonly platform: Platform,
    private readonly logger: Logger,
  ) {}

  static fromConfig(definition: AdapterDefinition, config: AdapterConfig, logger = createLogger(definition.name, config.platform.logLevel)): WebhookAdapter {
    return new WebhookAdapter(definition, config, Platform.fromConfig(config.platform, logger), logger);
  }

  /** Base URL the adapter listens on (after start). */
  get url(): string {
    const addr = this.server?.address() as AddressInfo | undefined;
    if (!addr) throw new Error(`${this.definition.name} not started`);
    return `http://${this.config.host}:${addr.port}`;
  }

  async start(): Promise<void> {
    const source = { kind: this.definition.sourceKind, system: this.config.sourceSystem };
    this.pipeline = await IngestPipeline.create({
      platform: this.platform,
      logger: this.logger,
      timings: { ackTimeoutMs: this.config.ackTimeoutMs, leaseMs: this.config.claimLeaseMs },
    });
    const pipeline = this.pipeline;
    const app = createWebhookIngress({
      source,
      endpoints: this.definition.endpoints,
      maxBodyBytes: this.config.maxBodyBytes,
      verifier: new WebhookSignatureVerifier(this.config.webhookSecret),
      accept: (delivery, events) => pipeline.accept(delivery, events),
      readiness: { kafka: kafkaCheck(this.platform), stateStore: () => pipeline.storeReady() },
      logger: this.logger,
    });
    await new Promise<void>((resolve, reject) => {
      const server = app.listen(this.config.port, this.config.host, () => resolve());
      server.once('error', reject);
      this.server = server;
    });
    this.logger.info({ url: this.url, endpoints: Object.keys(this.definition.endpoints) }, `${this.definition.name} listening`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) {
      // Requests already waiting for Kafka's acknowledgement finish before the producer goes.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    }
    await this.pipeline?.close();
    this.pipeline = undefined;
    await this.platform.close();
  }
}
