import type { Server } from 'node:http';
import express from 'express';
import { healthRouter } from '../platform/http/health-router.ts';
import { kafkaCheck } from '../platform/http/kafka-check.ts';
import { lagRouter } from '../platform/http/lag-router.ts';
import type { EventConsumer } from '../platform/kafka/event-consumer.ts';
import { createLogger, type Logger } from '../platform/logging/logger.ts';
import type { ConsumerDefinition, ConsumerHandlerSet } from '../platform/replay/consumer-definition.ts';
import { Platform } from '../platform/runtime/platform.ts';
import { metricsRouter } from '../platform/telemetry/metrics-router.ts';
import { CaseManager } from './case-manager.ts';
import { CrmCaseStore } from './crm-case-store.ts';
import { CrmClient } from './crm-client.ts';
import { crmConsumerConfigFromEnv, type CrmConsumerConfig } from './crm-consumer-config.ts';

/** The consumer name: the effect ledger's scope and the dead-letter records' consumer. */
export const crmConsumerName = 'crm-consumer';

/** The CRM consumer's handlers over a platform, with its case table. */
async function crmHandlers(config: CrmConsumerConfig, platform: Platform): Promise<ConsumerHandlerSet & { cases: CrmCaseStore }> {
  const cases = await CrmCaseStore.open(platform.stateStore());
  const manager = new CaseManager(new CrmClient(config.crmBaseUrl, config.crmTimeoutMs), cases, config.lateEtaThresholdMs);
  return {
    cases,
    handlers: {
      ShipmentPlanned: (e) => manager.onShipmentPlanned(e),
      DeliveryException: (e, ctx) => manager.onDeliveryException(e, ctx),
      EtaUpdated: (e, ctx) => manager.onEtaUpdated(e, ctx),
      ProofOfDeliveryReceived: (e, ctx) => manager.onProofOfDelivery(e, ctx),
    },
  };
}

/** The CRM consumer as tools see it (replay, redrive): its handlers without its group. */
export const crmConsumerDefinition: ConsumerDefinition<CrmConsumerConfig> = {
  name: crmConsumerName,
  defaultGroupId: 'crm-consumer',
  configFromEnv: crmConsumerConfigFromEnv,
  build: crmHandlers,
};

/**
 * The CRM consumer: delivery exceptions and late ETAs open or update one CRM case per shipment
 * and problem; a proof of delivery closes the shipment's open cases. Each event's effect runs
 * at most once per consumer name (effect ledger in the state store), and every CRM call carries
 * an idempotency key derived from the event id.
 */
export class CrmConsumer {
  private consumer?: EventConsumer;
  private health?: Server;
  /** The case table, for operators and tests (set by start()). */
  cases?: CrmCaseStore;

  private constructor(
    readonly config: CrmConsumerConfig,
    readonly platform: Platform,
    private readonly logger: Logger,
  ) {}

  /** Builds the consumer from validated config; nothing is connected until start(). */
  static fromConfig(config: CrmConsumerConfig, logger = createLogger(crmConsumerName, config.platform.logLevel)): CrmConsumer {
    return new CrmConsumer(config, Platform.fromConfig(config.platform, logger), logger);
  }

  /** Creates its tables, checks contracts, joins the group and serves the health endpoint. */
  async start(): Promise<void> {
    const set = await crmHandlers(this.config, this.platform);
    this.cases = set.cases;
    this.consumer = await this.platform.eventConsumer({
      name: crmConsumerName,
      groupId: this.config.groupId,
      retry: { maxAttempts: this.config.retryAttempts, minDelayMs: 250, maxDelayMs: 5000 },
      delayedRetry: { firstDelayMs: this.config.retryDelayMs },
      handlers: set.handlers,
    });
    await this.consumer.start();
    if (this.config.healthPort >= 0) {
      const app = express();
      app.use(healthRouter({ consumer: () => this.consumer?.hasJoinedGroup ?? false, kafka: kafkaCheck(this.platform), stateStore: () => this.platform.stateStore().ready() }, { live: { consumer: () => !this.consumer?.failure } }));
      app.use(metricsRouter());
      app.use(lagRouter(this.platform, 'crm-consumer', this.config.groupId));
      this.health = app.listen(this.config.healthPort, this.config.host);
    }
  }

  /** Leaves the group after in-flight work gave up, then closes every connection. */
  async stop(): Promise<void> {
    this.health?.close();
    await this.consumer?.stop();
    await this.platform.close();
  }
}
