import type { Server } from 'node:http';
import express from 'express';
import { EffectLedger } from '../platform/dedup/effect-ledger.ts';
import { healthRouter } from '../platform/http/health-router.ts';
import { kafkaCheck } from '../platform/http/kafka-check.ts';
import { lagRouter } from '../platform/http/lag-router.ts';
import type { EventConsumer } from '../platform/kafka/event-consumer.ts';
import { createLogger, type Logger } from '../platform/logging/logger.ts';
import type { ConsumerDefinition, ConsumerHandlerSet, PreviewVerdict } from '../platform/replay/consumer-definition.ts';
import { Platform } from '../platform/runtime/platform.ts';
import { metricsRouter } from '../platform/telemetry/metrics-router.ts';
import type { EventTypeMap } from '../platform/events/canonical-event.ts';
import { formatDuration } from '../platform/config/duration-setting.ts';
import { judgeEta } from '../platform/events/late-eta-rule.ts';
import { CustomerDirectory } from './customer-directory.ts';
import { EmailChannel } from './email-channel.ts';
import { mailDomainOf, notificationConfigFromEnv, type NotificationConfig } from './notification-config.ts';
import { NotificationDispatcher } from './notification-dispatcher.ts';
import { NotificationLog } from './notification-log.ts';
import { deliveredNotification, dispatchedNotification, exceptionNotification, lateEtaNotification, outForDeliveryNotification } from './notification.ts';
import { PreferenceStore } from './preference-store.ts';
import { WebhookChannel } from './webhook-channel.ts';

/** The consumer name: the effect ledger's scope and the dead-letter records' consumer. */
export const notificationServiceName = 'notification-service';

/** The notification service's handlers over a platform, with its tables and a preview classifier. */
async function notificationHandlers(c: NotificationConfig, platform: Platform, email: EmailChannel): Promise<ConsumerHandlerSet & { log: NotificationLog; preferences: PreferenceStore }> {
  const store = platform.stateStore();
  const [directory, preferences, log, ledger] = await Promise.all([CustomerDirectory.open(store), PreferenceStore.open(store), NotificationLog.open(store), EffectLedger.open(store)]);
  const dispatcher = new NotificationDispatcher({
    consumerName: notificationServiceName,
    directory,
    preferences,
    log,
    ledger,
    email,
    webhook: new WebhookChannel({ timeoutMs: c.webhookTimeoutMs, retry: { maxAttempts: c.webhookAttempts, minDelayMs: c.webhookBackoffMs, maxDelayMs: Math.max(c.webhookBackoffMs, 30_000) } }),
    mailDomain: mailDomainOf(c.mailFrom),
    maxEventAgeMs: c.maxEventAgeMs,
  });
  const lateEta = async (e: EventTypeMap['EtaUpdated']) => {
    const shipment = e.envelope.shipmentId ? await directory.customerOf(e.envelope.shipmentId, e.envelope.orderId) : undefined;
    return judgeEta(e, shipment?.plannedDeliveryAt ?? null, c.lateEtaThresholdMs);
  };
  // Read-only mirror of the handlers below: which events would notify, and which are held back as too old.
  const preview = async (eventType: string, event: unknown, now: number): Promise<PreviewVerdict> => {
    const e = event as EventTypeMap['InTransit'] & EventTypeMap['EtaUpdated'];
    if (eventType === 'OrderReleased' || eventType === 'ShipmentPlanned') return { outcome: 'filtered', reason: 'customer directory update, no notification' };
    if (eventType === 'InTransit' && e.milestone !== 'OUT_FOR_DELIVERY') return { outcome: 'filtered', reason: 'not out for delivery' };
    if (eventType === 'EtaUpdated' && !(await lateEta(e)).late) return { outcome: 'filtered', reason: 'ETA not late' };
    const ageMs = now - e.envelope.occurredAt.getTime();
    if (ageMs > c.maxEventAgeMs) return { outcome: 'held', reason: `older than ${formatDuration(c.maxEventAgeMs)} (NOTIFICATION_MAX_EVENT_AGE)` };
    return { outcome: 'call' };
  };
  return {
    log,
    preferences,
    preview,
    close: async () => email.close(),
    handlers: {
      OrderReleased: async (e) => {
        if (e.envelope.orderId) await directory.linkOrder(e.envelope.orderId, e.customerId, e.envelope.occurredAt, e.envelope.eventId);
      },
      ShipmentPlanned: async (e) => {
        if (e.envelope.shipmentId) await directory.linkShipment(e.envelope.shipmentId, e.customerId, e.plannedDeliveryAt, e.orderIds, e.envelope.occurredAt, e.envelope.eventId);
      },
      ShipmentDispatched: (e, ctx) => dispatcher.dispatch(dispatchedNotification(e), ctx),
      DeliveryException: (e, ctx) => dispatcher.dispatch(exceptionNotification(e), ctx),
      EtaUpdated: async (e, ctx) => {
        const verdict = await lateEta(e);
        if (verdict.late) await dispatcher.dispatch(lateEtaNotification(e, verdict), ctx);
        else ctx.logger.debug({ baselineKind: verdict.baselineKind, delayMs: verdict.delayMs }, 'ETA not late: no notification');
      },
      InTransit: async (e, ctx) => {
        if (e.milestone === 'OUT_FOR_DELIVERY') await dispatcher.dispatch(outForDeliveryNotification(e), ctx);
      },
      ProofOfDeliveryReceived: (e, ctx) => dispatcher.dispatch(deliveredNotification(e), ctx),
    },
  };
}

/** The notification service as tools see it (replay, redrive, previews that count held-back events). */
export const notificationServiceDefinition: ConsumerDefinition<NotificationConfig> = {
  name: notificationServiceName,
  defaultGroupId: 'notification-service',
  configFromEnv: notificationConfigFromEnv,
  build: (config, platform) => notificationHandlers(config, platform, new EmailChannel(config.smtpUrl, config.mailFrom)),
};

/**
 * The notification service: tells customers that their shipment was dispatched, is delayed
 * (delivery exception or late ETA), is out for delivery or was delivered, by signed webhook
 * and/or e-mail as each customer prefers. OrderReleased and ShipmentPlanned only feed the
 * shipment → customer directory. Never twice per event (effect ledger per event and per
 * channel), and never for events older than NOTIFICATION_MAX_EVENT_AGE (held back).
 */
export class NotificationService {
  private consumer?: EventConsumer;
  private health?: Server;
  private readonly email: EmailChannel;
  /** Set by start(): the service's tables, for the CLI, operators and tests. */
  log?: NotificationLog;
  preferences?: PreferenceStore;

  private constructor(
    readonly config: NotificationConfig,
    readonly platform: Platform,
    private readonly logger: Logger,
  ) {
    this.email = new EmailChannel(config.smtpUrl, config.mailFrom);
  }

  /** Builds the service from validated config; nothing is connected until start(). */
  static fromConfig(config: NotificationConfig, logger = createLogger(notificationServiceName, config.platform.logLevel)): NotificationService {
    return new NotificationService(config, Platform.fromConfig(config.platform, logger), logger);
  }

  /** Creates its tables, checks contracts, joins the group and serves the health endpoint. */
  async start(): Promise<void> {
    const c = this.config;
    const store = this.platform.stateStore();
    const set = await notificationHandlers(c, this.platform, this.email);
    this.log = set.log;
    this.preferences = set.preferences;
    this.consumer = await this.platform.eventConsumer({
      name: notificationServiceName,
      groupId: c.groupId,
      retry: { maxAttempts: c.retryAttempts, minDelayMs: 250, maxDelayMs: 5000 },
      delayedRetry: { firstDelayMs: c.retryDelayMs },
      handlers: set.handlers,
    });
    await this.consumer.start();
    if (c.healthPort >= 0) {
      const app = express();
      app.use(healthRouter({ consumer: () => this.consumer?.hasJoinedGroup ?? false, kafka: kafkaCheck(this.platform), stateStore: () => store.ready() }, { live: { consumer: () => !this.consumer?.failure } }));
      app.use(metricsRouter());
      app.use(lagRouter(this.platform, 'notification-service', c.groupId));
      this.health = app.listen(c.healthPort, c.host);
    }
  }

  /** Leaves the group after in-flight work gave up, then closes every connection. */
  async stop(): Promise<void> {
    this.health?.close();
    await this.consumer?.stop();
    this.email.close();
    await this.platform.close();
  }
}
