import { z } from 'zod';
import { parseConfig, platformConfigFromEnv, type PlatformConfig } from '../platform/config/load-config.ts';

const sinkSchema = z.object({
  /** DuckDB file of the store; created with its folder when missing. */
  dbPath: z.string().min(1),
  /** Consumer group; one sink (one store file) per group, because the store keeps the offsets. */
  groupId: z.string().min(1),
  /** Folder the running sink may write Parquet exports to (the only folder its SQL may touch). */
  exportDir: z.string().min(1),
  host: z.string().min(1),
  /** Port of the health and query endpoints; 0 picks a free one, -1 disables them. */
  httpPort: z.number().int().min(-1).max(65535),
  /** Kafka group session timeout; a crashed sink's partitions move after this long. */
  sessionTimeoutMs: z.number().int().min(6000).max(300_000),
});

/** Validated analytics sink settings. */
export type AnalyticsSinkConfig = z.infer<typeof sinkSchema> & { platform: PlatformConfig };

/** Environment variable behind each sink setting, for error messages and the README. */
export const analyticsEnvNames: Record<string, string> = {
  dbPath: 'ANALYTICS_DB_PATH',
  groupId: 'ANALYTICS_GROUP',
  exportDir: 'ANALYTICS_EXPORT_DIR',
  host: 'HOST',
  httpPort: 'ANALYTICS_HTTP_PORT',
  sessionTimeoutMs: 'ANALYTICS_SESSION_TIMEOUT_MS',
};

/** Default port of the sink's health and query endpoints. */
export const defaultAnalyticsPort = 18160;

/** Reads the sink's config from the environment; fails naming the wrong variable. */
export function analyticsSinkConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AnalyticsSinkConfig {
  const own = parseConfig(
    sinkSchema,
    {
      dbPath: env.ANALYTICS_DB_PATH ?? '.stack/analytics/backbone.duckdb',
      groupId: env.ANALYTICS_GROUP ?? 'analytics-sink',
      exportDir: env.ANALYTICS_EXPORT_DIR ?? '.stack/analytics/export',
      host: env.HOST ?? '127.0.0.1',
      httpPort: Number(env.ANALYTICS_HTTP_PORT ?? defaultAnalyticsPort),
      sessionTimeoutMs: Number(env.ANALYTICS_SESSION_TIMEOUT_MS ?? 30_000),
    },
    analyticsEnvNames,
  );
  return { ...own, platform: platformConfigFromEnv(env, 'analytics-sink') };
}
