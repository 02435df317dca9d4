import { z } from 'zod';
import { secretSetting, settingFile } from './secret-setting.ts';

/**
 * How a client authenticates to Kafka and verifies it: optional SASL login and TLS. Absent
 * means plaintext (the default local stack). Secrets come from the environment or from files
 * and are never logged.
 */
export const kafkaSecuritySchema = z
  .object({
    sasl: z
      .object({
        mechanism: z.enum(['scram-sha-512', 'scram-sha-256', 'plain']),
        username: z.string().min(1, 'a SASL user name is needed'),
        password: z.string().min(1, 'a SASL password is needed (KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE)'),
      })
      .optional(),
    ssl: z
      .object({
        /** PEM of the CA that signed the brokers' certificates (system CAs when absent). */
        ca: z.string().includes('BEGIN CERTIFICATE', { message: 'expected a PEM certificate' }).optional(),
      })
      .optional(),
  })
  .strict();

/** Validated Kafka client security settings. */
export type KafkaSecurity = z.infer<typeof kafkaSecuritySchema>;

/** Environment variable behind each security setting (paths under `kafka.`). */
export const kafkaSecurityEnvNames: Record<string, string> = {
  'kafka.security.sasl.mechanism': 'KAFKA_SASL_MECHANISM',
  'kafka.security.sasl.username': 'KAFKA_SASL_USERNAME',
  'kafka.security.sasl.password': 'KAFKA_SASL_PASSWORD',
  'kafka.security.ssl.ca': 'KAFKA_SSL_CA_FILE',
};

/**
 * The unvalidated security settings from the environment (validated with the rest of the
 * platform config):
 * - KAFKA_SASL_MECHANISM (scram-sha-512 | scram-sha-256 | plain) turns SASL on, with
 *   KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE (a file is preferred:
 *   the local stack writes one per principal);
 * - KAFKA_SSL=true turns TLS on; KAFKA_SSL_CA_FILE (a PEM file) turns it on and trusts that CA.
 */
export function kafkaSecurityFromEnv(env: NodeJS.ProcessEnv): unknown {
  const out: Record<string, unknown> = {};
  const mechanism = env.KAFKA_SASL_MECHANISM?.trim();
  if (mechanism) {
    const password = secretSetting(env, 'KAFKA_SASL_PASSWORD');
    out.sasl = { mechanism: mechanism.toLowerCase(), username: env.KAFKA_SASL_USERNAME ?? '', password: password ?? '' };
  }
  const caFile = env.KAFKA_SSL_CA_FILE?.trim();
  if (caFile) out.ssl = { ca: settingFile(caFile, 'KAFKA_SSL_CA_FILE') };
  else if (/^(true|1|yes)$/i.test(env.KAFKA_SSL ?? '')) out.ssl = {};
  return out;
}
