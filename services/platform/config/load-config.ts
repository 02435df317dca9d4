import { z } from 'zod';
import { ConfigError } from '../errors/backbone-error.ts';
import { kafkaSecurityEnvNames, kafkaSecurityFromEnv, kafkaSecuritySchema } from './kafka-security-config.ts';

/**
 * Validates a configuration object against a zod schema at start-up. On failure the error
 * names every wrong path (e.g. `kafka.brokers`) with the environment variable it came from,
 * so an operator knows exactly what to fix.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, envNames: Record<string, string> = {}): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => {
    const path = i.path.join('.');
    // An array element (kafka.brokers.0) comes from its list's variable (KAFKA_BROKERS).
    const env = i.path.map((_, n) => envNames[i.path.slice(0, i.path.length - n).join('.')]).find(Boolean);
    return { path, env, message: i.message };
  });
  const lines = issues.map((i) => `  ${i.path}${i.env ? ` (${i.env})` : ''}: ${i.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`, { path: issues[0]?.path ?? '', issues });
}

/** A comma-separated list in an environment variable, as an array of trimmed non-empty items. */
export function csv(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** A `host:port` address. */
export const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port');

/** The settings every service shares: where Kafka and the registry are, and the topic prefix. */
export const platformConfigSchema = z.object({
  kafka: z.object({
    brokers: z.array(hostPort).min(1, 'at least one broker is needed'),
    clientId: z.string().min(1),
    /** The client library: kafkajs (when absent), or confluent (@confluentinc/kafka-javascript, built by `npm run client:confluent`). */
    client: z.enum(['kafkajs', 'confluent']).optional(),
    /** SASL login and TLS (absent or empty: plaintext). */
    security: kafkaSecuritySchema.optional(),
  }),
  registry: z.object({
    url: z.url(),
  }),
  /** The shared state store (PostgreSQL): adapter de-duplication, consumer idempotency, parked keys. */
  stateStore: z.object({
    url: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL'),
  }),
  /** Prepended to every topic name of infra/topics.yaml (isolates tests and environments). */
  topicPrefix: z.string().regex(/^[A-Za-z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

/** Validated shared settings. */
export type PlatformConfig = z.infer<typeof platformConfigSchema>;

/** Environment variable behind each shared setting, for error messages and the README. */
export const platformEnvNames: Record<string, string> = {
  'kafka.brokers': 'KAFKA_BROKERS',
  'kafka.clientId': 'KAFKA_CLIENT_ID',
  'kafka.client': 'KAFKA_CLIENT',
  ...kafkaSecurityEnvNames,
  'registry.url': 'SCHEMA_REGISTRY_URL',
  'stateStore.url': 'STATE_STORE_URL',
  topicPrefix: 'LEB_TOPIC_PREFIX',
  logLevel: 'LOG_LEVEL',
};

/** Reads the shared settings from the environment; defaults point at the embedded local stack. */
export function platformConfigFromEnv(env: NodeJS.ProcessEnv, clientId: string): PlatformConfig {
  return parseConfig(
    platformConfigSchema,
    {
      kafka: { brokers: csv(env.KAFKA_BROKERS) ?? ['127.0.0.1:19092'], clientId: env.KAFKA_CLIENT_ID ?? clientId, client: env.KAFKA_CLIENT, security: kafkaSecurityFromEnv(env) },
      registry: { url: env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:18081/apis/ccompat/v7' },
      stateStore: { url: env.STATE_STORE_URL ?? 'postgres://backbone@127.0.0.1:15432/backbone' },
      topicPrefix: env.LEB_TOPIC_PREFIX ?? '',
      logLevel: env.LOG_LEVEL ?? 'info',
    },
    platformEnvNames,
  );
}
