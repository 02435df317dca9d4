import { z } from 'zod';
import { parseConfig, platformConfigFromEnv, type PlatformConfig } from '../platform/config/load-config.ts';
import { durationSetting } from '../platform/config/duration-setting.ts';

const crmConsumerSchema = z.object({
  groupId: z.string().min(1),
  crmBaseUrl: z.url(),
  crmTimeoutMs: z.number().int().min(100),
  /** In-place attempts per event before its shipment is parked on the retry topic. */
  retryAttempts: z.number().int().min(1),
  /** Delay before the first delayed retry of a parked shipment. */
  retryDelayMs: z.number().int().min(100),
  /** An ETA more than this after the planned delivery (or previous ETA) is late; see late-eta-rule.ts. */
  lateEtaThresholdMs: durationSetting,
  host: z.string().min(1),
  /** Port of the health endpoint; 0 picks a free one, -1 disables it. */
  healthPort: z.number().int().min(-1).max(65535),
});

/** Environment variable behind each CRM consumer setting. */
export const crmConsumerEnvNames = {
  groupId: 'CRM_CONSUMER_GROUP',
  crmBaseUrl: 'CRM_BASE_URL',
  crmTimeoutMs: 'CRM_TIMEOUT_MS',
  retryAttempts: 'CRM_RETRY_ATTEMPTS',
  retryDelayMs: 'CRM_RETRY_DELAY_MS',
  lateEtaThresholdMs: 'LATE_ETA_THRESHOLD',
  host: 'HOST',
  healthPort: 'CRM_CONSUMER_HEALTH_PORT',
};

/** Validated CRM consumer settings. */
export type CrmConsumerConfig = z.output<typeof crmConsumerSchema> & { platform: PlatformConfig };

/** Reads the CRM consumer's config from the environment; fails naming the wrong variable. */
export function crmConsumerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CrmConsumerConfig {
  const own = parseConfig(
    crmConsumerSchema,
    {
      groupId: env.CRM_CONSUMER_GROUP ?? 'crm-consumer',
      crmBaseUrl: env.CRM_BASE_URL ?? 'http://127.0.0.1:18210',
      crmTimeoutMs: Number(env.CRM_TIMEOUT_MS ?? 10_000),
      retryAttempts: Number(env.CRM_RETRY_ATTEMPTS ?? 4),
      retryDelayMs: Number(env.CRM_RETRY_DELAY_MS ?? 5000),
      lateEtaThresholdMs: env.LATE_ETA_THRESHOLD ?? '2h',
      host: env.HOST ?? '127.0.0.1',
      healthPort: Number(env.CRM_CONSUMER_HEALTH_PORT ?? 18111),
    },
    crmConsumerEnvNames,
  );
  return { ...own, platform: platformConfigFromEnv(env, 'crm-consumer') };
}
