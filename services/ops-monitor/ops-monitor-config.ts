import { z } from 'zod';
import { durationSetting } from '../platform/config/duration-setting.ts';
import { csv, parseConfig, platformConfigFromEnv, type PlatformConfig } from '../platform/config/load-config.ts';
import { defaultSlaRulesFile, loadSlaRules, type SlaRule } from '../platform/sla/sla-rules.ts';

const opsMonitorSchema = z.object({
  /** The monitor's own consumer group on the lifecycle, retry and dead-letter topics. */
  groupId: z.string().min(1),
  /** YAML file declaring the business SLAs (see infra/slas.yaml). */
  slaRulesFile: z.string().min(1),
  /** How often open obligations are checked against their deadline and consumer effects. */
  sweepIntervalMs: durationSetting,
  /** Consumer groups whose lag is exported (each also with its "<group>.retry" group on the retry topic). */
  lagGroups: z.array(z.string().min(1)).min(1, 'at least one consumer group'),
  host: z.string().min(1),
  /** HTTP port of /health, /metrics, /lag, /sla and /timeline; 0 picks a free one. */
  port: z.number().int().min(0).max(65535),
});

/** Environment variable behind each ops monitor setting. */
export const opsMonitorEnvNames = {
  groupId: 'OPS_MONITOR_CONSUMER_GROUP',
  slaRulesFile: 'SLA_RULES_FILE',
  sweepIntervalMs: 'SLA_SWEEP_INTERVAL',
  lagGroups: 'OPS_LAG_GROUPS',
  host: 'HOST',
  port: 'OPS_MONITOR_PORT',
};

/** Validated ops monitor settings, with the SLA rules read from `slaRulesFile`. */
export type OpsMonitorConfig = z.output<typeof opsMonitorSchema> & { rules: SlaRule[]; platform: PlatformConfig };

/** The consumer groups of the backbone's consumers (default of OPS_LAG_GROUPS). */
export const defaultLagGroups = ['erp-consumer', 'crm-consumer', 'notification-service', 'analytics-sink'];

/** Reads the ops monitor's config and SLA rules; fails naming the wrong variable or rule path. */
export function opsMonitorConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OpsMonitorConfig {
  const own = parseConfig(
    opsMonitorSchema,
    {
      groupId: env.OPS_MONITOR_CONSUMER_GROUP ?? 'ops-monitor',
      slaRulesFile: env.SLA_RULES_FILE ?? defaultSlaRulesFile,
      sweepIntervalMs: env.SLA_SWEEP_INTERVAL ?? '15s',
      lagGroups: csv(env.OPS_LAG_GROUPS) ?? defaultLagGroups,
      host: env.HOST ?? '127.0.0.1',
      port: Number(env.OPS_MONITOR_PORT ?? 18130),
    },
    opsMonitorEnvNames,
  );
  return { ...own, rules: loadSlaRules(own.slaRulesFile), platform: platformConfigFromEnv(env, 'ops-monitor') };
}
