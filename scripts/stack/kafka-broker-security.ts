import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KafkaSecurity } from '../../services/platform/config/kafka-security-config.ts';
import { AclCatalog } from '../../services/platform/kafka/acl-catalog.ts';
import { ensureStackCertificates } from './stack-certificates.ts';
import type { StackConfig } from './stack-config.ts';
import { passwordFile, principalPassword, secretsDir, writeSecret } from './stack-secrets.ts';

/** The SASL mechanism of the secured stack's client listener. */
export const stackSaslMechanism = 'SCRAM-SHA-512';

/** What a secured broker adds to its server.properties, and the logins created when its storage is formatted. */
export interface BrokerSecurity {
  /** server.properties lines (they hold passwords: the file is written 0600). */
  properties: string[];
  /** `kafka-storage format` arguments adding a SCRAM-SHA-512 login per principal (KRaft stores them in the metadata log). */
  formatArgs: string[];
}

/**
 * The security settings of a broker in `sasl_ssl` mode: clients and brokers talk SASL_SSL with
 * SCRAM-SHA-512 over TLS (the stack's own CA); the controllers' listener, on loopback, uses
 * SASL/PLAIN (KRaft cannot use SCRAM there: the credentials live in the metadata the controllers
 * serve). StandardAuthorizer with `broker` and `admin` as super users and nothing allowed
 * without an ACL. One login per principal of infra/acls.yaml plus the super users.
 */
export function brokerSecurity(cfg: StackConfig): BrokerSecurity {
  const tls = ensureStackCertificates(cfg);
  const broker = principalPassword(cfg, 'broker');
  const logins = AclCatalog.load().loginNames;
  const properties = [
    'listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT',
    'inter.broker.listener.name=SASL_SSL',
    `sasl.mechanism.inter.broker.protocol=${stackSaslMechanism}`,
    `listener.name.sasl_ssl.sasl.enabled.mechanisms=${stackSaslMechanism}`,
    `listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="${broker}";`,
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="${broker}" user_broker="${broker}";`,
    'ssl.keystore.type=PKCS12',
    `ssl.keystore.location=${tls.keystoreFile}`,
    `ssl.keystore.password=${tls.keystorePassword}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${tls.caFile}`,
    'ssl.client.auth=none',
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users=User:broker;User:admin',
    'allow.everyone.if.no.acl.found=false',
  ];
  const formatArgs = logins.flatMap((name) => ['--add-scram', `${stackSaslMechanism}=[name=${name},password=${principalPassword(cfg, name)}]`]);
  return { properties, formatArgs };
}

/** The CA certificate clients of a secured stack trust (KAFKA_SSL_CA_FILE). */
export function stackCaFile(cfg: StackConfig): string {
  return ensureStackCertificates(cfg).caFile;
}

/** Client settings for one principal of the stack: SCRAM login over TLS in `sasl_ssl` mode; undefined (plaintext) otherwise. */
export function clientSecurity(cfg: StackConfig, principal: string): KafkaSecurity | undefined {
  if (cfg.kafkaSecurity !== 'sasl_ssl') return undefined;
  return {
    sasl: { mechanism: 'scram-sha-512', username: principal, password: principalPassword(cfg, principal) },
    ssl: { ca: readFileSync(stackCaFile(cfg), 'utf8') },
  };
}

/**
 * The environment a service needs to reach the secured stack as `principal`: names of files,
 * never the secrets themselves. Empty in plaintext mode.
 */
export function clientEnv(cfg: StackConfig, principal: string): Record<string, string> {
  if (cfg.kafkaSecurity !== 'sasl_ssl') return {};
  principalPassword(cfg, principal);
  return {
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: principal,
    KAFKA_SASL_PASSWORD_FILE: passwordFile(cfg, principal),
    KAFKA_SSL_CA_FILE: stackCaFile(cfg),
  };
}

/**
 * JVM options that let the registry's kafkasql storage log in as `registry`: a JAAS file
 * (0600) holds its password, so it never appears on a command line; the Kafka client
 * properties go through Apicurio's `apicurio.kafkasql.{producer,consumer,admin}.*` pass-through.
 */
export function registryKafkaOptions(cfg: StackConfig): string[] {
  if (cfg.kafkaSecurity !== 'sasl_ssl') return [];
  const jaas = path.join(secretsDir(cfg, 'kafka'), 'registry-jaas.conf');
  writeSecret(jaas, `KafkaClient {\n  org.apache.kafka.common.security.scram.ScramLoginModule required username="registry" password="${principalPassword(cfg, 'registry')}";\n};\n`);
  const ca = stackCaFile(cfg);
  const opts = [`-Djava.security.auth.login.config=${jaas}`, '-Dapicurio.kafkasql.security.protocol=SASL_SSL'];
  for (const client of ['producer', 'consumer', 'admin']) {
    opts.push(
      `-Dapicurio.kafkasql.${client}.security.protocol=SASL_SSL`,
      `-Dapicurio.kafkasql.${client}.sasl.mechanism=${stackSaslMechanism}`,
      `-Dapicurio.kafkasql.${client}.ssl.truststore.type=PEM`,
      `-Dapicurio.kafkasql.${client}.ssl.truststore.location=${ca}`,
    );
  }
  return opts;
}
