import type { Server } from 'node:http';
import express from 'express';
import { z } from 'zod';
import { parseConfig, platformConfigFromEnv, type PlatformConfig } from '../platform/config/load-config.ts';
import { healthRouter } from '../platform/http/health-router.ts';
import { kafkaCheck } from '../platform/http/kafka-check.ts';
import { lagRouter } from '../platform/http/lag-router.ts';
import Bottleneck from 'bottleneck';
import type { EventConsumer } from '../platform/kafka/event-consumer.ts';
import { createLogger, type Logger } from '../platform/logging/logger.ts';
import type { HandlerContext } from '../platform/kafka/event-consumer.ts';
import type { ConsumerDefinition } from '../platform/replay/consumer-definition.ts';
import { Platform } from '../platform/runtime/platform.ts';
import { metricsRouter } from '../platform/telemetry/metrics-router.ts';
import { ErpClient } from './erp-client.ts';

const consumerSchema = z.object({
  groupId: z.string().min(1),
  erpBaseUrl: z.url(),
  erpTimeoutMs: z.number().int().min(100),
  host: z.string().min(1),
  /** Port of the health endpoint; 0 picks a free one, -1 disables it. */
  healthPort: z.number().int().min(-1).max(65535),
  /** ERP calls in flight at once (also the number of partitions processed concurrently). */
  maxConcurrency: z.number().int().min(1).max(64),
  /** ERP calls per second at most, across partitions (the ERP's rate limit). */
  ratePerSecond: z.number().min(0.1),
  /** Delay before the first delayed retry of a parked shipment. */
  retryDelayMs: z.number().int().min(100),
  /** In-place attempts per event before it is parked on the retry topic. */
  retryAttempts: z.number().int().min(1),
  /** How long a parked event keeps being retried while the ERP fails retriably, before it is dead-lettered (default 24 h). */
  retryHorizonMs: z.number().int().min(0).optional(),
});

/** Validated ERP consumer settings. */
export type ErpConsumerConfig = z.infer<typeof consumerSchema> & { platform: PlatformConfig };

/** Reads the consumer's config from the environment; fails naming the wrong variable. */
export function erpConsumerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ErpConsumerConfig {
  const own = parseConfig(
    consumerSchema,
    {
      groupId: env.ERP_CONSUMER_GROUP ?? 'erp-consumer',
      erpBaseUrl: env.ERP_BASE_URL ?? 'http://127.0.0.1:18200',
      erpTimeoutMs: Number(env.ERP_TIMEOUT_MS ?? 10_000),
      host: env.HOST ?? '127.0.0.1',
      healthPort: Number(env.ERP_CONSUMER_HEALTH_PORT ?? 18110),
      maxConcurrency: Number(env.ERP_MAX_CONCURRENCY ?? 4),
      ratePerSecond: Number(env.ERP_RATE_PER_SECOND ?? 50),
      retryDelayMs: Number(env.ERP_RETRY_DELAY_MS ?? 5000),
      retryAttempts: Number(env.ERP_RETRY_ATTEMPTS ?? 4),
      retryHorizonMs: env.ERP_RETRY_HORIZON_MS === undefined ? undefined : Number(env.ERP_RETRY_HORIZON_MS),
    },
    {
      groupId: 'ERP_CONSUMER_GROUP',
      erpBaseUrl: 'ERP_BASE_URL',
      erpTimeoutMs: 'ERP_TIMEOUT_MS',
      host: 'HOST',
      healthPort: 'ERP_CONSUMER_HEALTH_PORT',
      maxConcurrency: 'ERP_MAX_CONCURRENCY',
      ratePerSecond: 'ERP_RATE_PER_SECOND',
      retryDelayMs: 'ERP_RETRY_DELAY_MS',
      retryAttempts: 'ERP_RETRY_ATTEMPTS',
      retryHorizonMs: 'ERP_RETRY_HORIZON_MS',
    },
  );
  return { ...own, platform: platformConfigFromEnv(env, 'erp-consumer') };
}

/** The consumer name: the effect ledger's scope and the dead-letter records' consumer. */
export const erpConsumerName = 'erp-consumer';

/**
 * The ERP consumer as tools see it: its handlers (one ERP posting per event type) within the
 * ERP's concurrency and rate limits, buildable without joining its group (replay, redrive).
 */
export const erpConsumerDefinition: ConsumerDefinition<ErpConsumerConfig> = {
  name: erpConsumerName,
  defaultGroupId: 'erp-consumer',
  configFromEnv: erpConsumerConfigFromEnv,
  async build(config) {
    const erp = new ErpClient(config.erpBaseUrl, config.erpTimeoutMs);
    // The ERP's limits, shared by every partition: a caller waits for its slot, so nothing
    // queues beyond one record per partition in flight.
    const limiter = new Bottleneck({ maxConcurrent: config.maxConcurrency, minTime: Math.ceil(1000 / config.ratePerSecond) });
    const posted = (what: string) => (r: { status: number; postingId?: string; replayed: boolean }, ctx: HandlerContext) =>
      ctx.logger.info({ erpStatus: r.status, postingId: r.postingId, replayed: r.replayed }, `${what} posted to ERP`);
    return {
      rateLimit: (fn) => limiter.schedule(fn),
      handlers: {
        OrderReleased: async (e, ctx) => posted('order release')(await erp.releaseOrder(e, ctx.signal), ctx),
        PickCompleted: async (e, ctx) => posted('pick confirmation')(await erp.confirmPick(e, ctx.signal), ctx),
        ShipmentDispatched: async (e, ctx) => posted('goods issue')(await erp.postGoodsIssue(e, ctx.signal), ctx),
        ProofOfDeliveryReceived: async (e, ctx) => posted('delivery confirmation')(await erp.confirmDelivery(e, ctx.signal), ctx),
        ReturnReceived: async (e, ctx) => posted('return receipt')(await erp.receiveReturn(e, ctx.signal), ctx),
      },
    };
  },
};

/**
 * The ERP consumer: order releases, pick confirmations, goods issues, delivery confirmations
 * and return receipts go to the ERP's HTTP API, within its concurrency and rate limits,
 * committing each offset only after the ERP confirmed. Each event is posted once (effect
 * ledger, and the event id as the ERP's Idempotency-Key), also after redelivery and replay.
 */
export class ErpConsumer {
  private consumer?: EventConsumer;
  private health?: Server;

  private constructor(
    readonly config: ErpConsumerConfig,
    readonly platform: Platform,
    private readonly logger: Logger,
  ) {}

  static fromConfig(config: ErpConsumerConfig, logger = createLogger('erp-consumer', config.platform.logLevel)): ErpConsumer {
    return new ErpConsumer(config, Platform.fromConfig(config.platform, logger), logger);
  }

  async start(): Promise<void> {
    const set = await erpConsumerDefinition.build(this.config, this.platform);
    this.consumer = await this.platform.eventConsumer({
      name: erpConsumerName,
      groupId: this.config.groupId,
      partitionsConcurrently: this.config.maxConcurrency,
      rateLimit: set.rateLimit,
      retry: { maxAttempts: this.config.retryAttempts, minDelayMs: 250, maxDelayMs: 5000 },
      delayedRetry: { firstDelayMs: this.config.retryDelayMs, horizonMs: this.config.retryHorizonMs },
      handlers: set.handlers,
    });
    await this.consumer.start();
    if (this.config.healthPort >= 0) {
      const app = express();
      const store = this.platform.stateStore();
      app.use(healthRouter({ consumer: () => this.consumer?.hasJoinedGroup ?? false, kafka: kafkaCheck(this.platform), stateStore: () => store.ready() }, { live: { consumer: () => !this.consumer?.failure } }));
      app.use(metricsRouter());
      app.use(lagRouter(this.platform, erpConsumerName, this.config.groupId));
      await new Promise<void>((resolve) => {
        this.health = app.listen(this.config.healthPort, this.config.host, () => resolve());
      });
    }
  }

  /** URL of the health and lag endpoints (after start, when enabled). */
  get healthUrl(): string | undefined {
    const addr = this.health?.address();
    return addr && typeof addr === 'object' ? `http://${this.config.host}:${addr.port}` : undefined;
  }

  async stop(): Promise<void> {
    this.health?.close();
    await this.consumer?.stop();
    await this.platform.close();
  }
}
