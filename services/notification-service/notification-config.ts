import { z } from 'zod';
import { parseConfig, platformConfigFromEnv, type PlatformConfig } from '../platform/config/load-config.ts';
import { durationSetting } from '../platform/config/duration-setting.ts';
import { secretSetting } from '../platform/config/secret-setting.ts';

const notificationSchema = z.object({
  groupId: z.string().min(1),
  /** smtp://host:port (plain or STARTTLS) or smtps://user:pass@host:port. */
  smtpUrl: z.string().regex(/^smtps?:\/\/[^\s/]+/, 'expected smtp://host:port or smtps://host:port'),
  /** Sender, e.g. `Shipment updates <notifications@example.com>`; its domain also names the Message-IDs. */
  mailFrom: z.string().regex(/^([^<>]*<)?[^\s<>@]+@([^\s<>@]+\.[^\s<>@]+|[^\s<>@.]+)>?$/, 'expected an address such as "Shipment updates <notifications@example.com>"'),
  /** Notifications of events older than this (now − occurredAt) are held back, not sent. */
  maxEventAgeMs: durationSetting,
  /** See platform/events/late-eta-rule.ts: the same rule decides CRM cases and "delayed" notifications. */
  lateEtaThresholdMs: durationSetting,
  webhookTimeoutMs: z.number().int().min(100),
  /** Attempts per webhook delivery (backoff doubles from webhookBackoffMs, with jitter, at most 30 s). */
  webhookAttempts: z.number().int().min(1).max(20),
  webhookBackoffMs: durationSetting,
  /** In-place attempts per event before its shipment is parked on the retry topic. */
  retryAttempts: z.number().int().min(1),
  /** Delay before the first delayed retry of a parked shipment. */
  retryDelayMs: z.number().int().min(100),
  host: z.string().min(1),
  /** Port of the health endpoint; 0 picks a free one, -1 disables it. */
  healthPort: z.number().int().min(-1).max(65535),
});

/** Environment variable behind each notification service setting. */
export const notificationEnvNames = {
  groupId: 'NOTIFICATION_CONSUMER_GROUP',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'NOTIFICATION_MAIL_FROM',
  maxEventAgeMs: 'NOTIFICATION_MAX_EVENT_AGE',
  lateEtaThresholdMs: 'LATE_ETA_THRESHOLD',
  webhookTimeoutMs: 'NOTIFICATION_WEBHOOK_TIMEOUT_MS',
  webhookAttempts: 'NOTIFICATION_WEBHOOK_ATTEMPTS',
  webhookBackoffMs: 'NOTIFICATION_WEBHOOK_BACKOFF',
  retryAttempts: 'NOTIFICATION_RETRY_ATTEMPTS',
  retryDelayMs: 'NOTIFICATION_RETRY_DELAY_MS',
  host: 'HOST',
  healthPort: 'NOTIFICATION_HEALTH_PORT',
};

/** Validated notification service settings. */
export type NotificationConfig = z.output<typeof notificationSchema> & { platform: PlatformConfig };

/** Reads the notification service's config from the environment; fails naming the wrong variable. */
export function notificationConfigFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const own = parseConfig(
    notificationSchema,
    {
      groupId: env.NOTIFICATION_CONSUMER_GROUP ?? 'notification-service',
      smtpUrl: secretSetting(env, 'SMTP_URL') ?? 'smtp://127.0.0.1:2525',
      mailFrom: env.NOTIFICATION_MAIL_FROM ?? 'Shipment updates <notifications@backbone.local>',
      maxEventAgeMs: env.NOTIFICATION_MAX_EVENT_AGE ?? '6h',
      lateEtaThresholdMs: env.LATE_ETA_THRESHOLD ?? '2h',
      webhookTimeoutMs: Number(env.NOTIFICATION_WEBHOOK_TIMEOUT_MS ?? 10_000),
      webhookAttempts: Number(env.NOTIFICATION_WEBHOOK_ATTEMPTS ?? 5),
      webhookBackoffMs: env.NOTIFICATION_WEBHOOK_BACKOFF ?? '1s',
      retryAttempts: Number(env.NOTIFICATION_RETRY_ATTEMPTS ?? 3),
      retryDelayMs: Number(env.NOTIFICATION_RETRY_DELAY_MS ?? 5000),
      host: env.HOST ?? '127.0.0.1',
      healthPort: Number(env.NOTIFICATION_HEALTH_PORT ?? 18112),
    },
    notificationEnvNames,
  );
  return { ...own, platform: platformConfigFromEnv(env, 'notification-service') };
}

/** The domain part of the sender address ("backbone.local"). */
export function mailDomainOf(mailFrom: string): string {
  return /@([^\s<>@]+)>?\s*$/.exec(mailFrom)![1]!;
}
