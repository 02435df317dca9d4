import type { Server } from 'node:http';
import express from 'express';
import { z } from 'zod';
import { parseConfig, platformConfigFromEnv, type PlatformConfig } from '../platform/config/load-config.ts';
import { healthRouter } from '../platform/http/health-router.ts';
import { EventConsumer } from '../platform/kafka/event-consumer.ts';
import { createLogger, type Logger } from '../platform/logging/logger.ts';
import { defaultRetryPolicy } from '../platform/retry/retry-policy.ts';
import { Platform } from '../platform/runtime/platform.ts';
import { ErpClient } from './erp-client.ts';

const consumerSchema = z.object({
  groupId: z.string().min(1),
  erpBaseUrl: z.url(),
  erpTimeoutMs: z.number().int().min(100),
  host: z.string().min(1),
  /** Port of the health endpoint; 0 picks a free one, -1 disables it. */
  healthPort: z.number().int().min(-1).max(65535),
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
    },
    { groupId: 'ERP_CONSUMER_GROUP', erpBaseUrl: 'ERP_BASE_URL', erpTimeoutMs: 'ERP_TIMEOUT_MS', host: 'HOST', healthPort: 'ERP_CONSUMER_HEALTH_PORT' },
  );
  return { ...own, platform: platformConfigFromEnv(env, 'erp-consumer') };
}

/**
 * The ERP consumer: reads the shipment lifecycle topic and posts to the ERP's HTTP API,
 * committing each offset only after the ERP confirmed. The event id is the ERP's
 * idempotency key, so redelivery and replay never post twice.
 */
export class ErpConsumer {
  private consumer?: EventConsumer;
  private health?: Server;

  private constructor(
    readonly config: ErpConsumerConfig,
    readonly platform: Platform,
    private readonly erp: ErpClient,
    private readonly logger: Logger,
  ) {}

  static fromConfig(config: ErpConsumerConfig, logger = createLogger('erp-consumer', config.platform.logLevel)): ErpConsumer {
    return new ErpConsumer(config, Platform.fromConfig(config.platform, logger), new ErpClient(config.erpBaseUrl, config.erpTimeoutMs), logger);
  }

  async start(): Promise<void> {
    const name = 'erp-consumer';
    this.consumer = new EventConsumer({
      name,
      consumer: this.platform.kafka.consumer({ groupId: this.config.groupId }),
      codec: this.platform.codec,
      topics: [this.platform.topics.lifecycle.name],
      deadLetters: await this.platform.deadLetterPublisher(name),
      retry: defaultRetryPolicy,
      logger: this.logger,
      handlers: {
        PickCompleted: async (event, ctx) => {
          const result = await this.erp.confirmPick(event, ctx.signal);
          ctx.logger.info({ erpStatus: result.status, postingId: result.postingId, replayed: result.replayed }, 'pick confirmation posted to ERP');
        },
      },
    });
    await this.consumer.start();
    if (this.config.healthPort >= 0) {
      const app = express();
      app.use(healthRouter({ consumer: () => this.consumer?.isRunning ?? false }));
      this.health = app.listen(this.config.healthPort, this.config.host);
    }
  }

  async stop(): Promise<void> {
    this.health?.close();
    await this.consumer?.stop();
    await this.platform.close();
  }
}
