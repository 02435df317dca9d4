import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordedStackMode } from './stack-mode.ts';

/** Repository root (two levels above this file). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Where one local stack lives and listens. Every field has a documented default and an
 * environment variable, so a developer can move ports or folders without editing code.
 */
export interface StackConfig {
  /** Folder for data, logs and pid files (LEB_STACK_HOME, default `<repo>/.stack`). */
  home: string;
  /** Folder for fetched artifacts, shareable between stacks (LEB_STACK_CACHE, default `<home>/cache`). */
  cacheDir: string;
  /** Kafka client port on 127.0.0.1 (LEB_KAFKA_PORT, default 19092). */
  kafkaPort: number;
  /** KRaft controller port on 127.0.0.1 (LEB_KAFKA_CONTROLLER_PORT, default 19093). */
  controllerPort: number;
  /** Schema registry HTTP port on 127.0.0.1 (LEB_REGISTRY_PORT, default 18081). */
  registryPort: number;
  /** Apache Kafka version fetched from Maven Central (LEB_KAFKA_VERSION, default 4.1.2). */
  kafkaVersion: string;
  /** log4j2 version used as Kafka's logging binding (default 2.25.5). */
  log4jVersion: string;
  /** Apicurio Registry version (LEB_APICURIO_VERSION, default 3.0.9: the newest Java 17 build on Maven Central). */
  apicurioVersion: string;
  /** PostgreSQL port on 127.0.0.1 (LEB_POSTGRES_PORT, default 15432). */
  postgresPort: number;
  /** PostgreSQL server version (Zonky's binaries on Maven Central; LEB_POSTGRES_VERSION, default 17.11.0). */
  postgresVersion: string;
  /** Maven repository the registry assembly is downloaded from (LEB_MAVEN_REPO). */
  mavenRepo: string;
  /** Kafka broker heap (LEB_KAFKA_HEAP, default 1g). */
  kafkaHeap: string;
  /** Registry heap (LEB_REGISTRY_HEAP, default 768m). */
  registryHeap: string;
  /**
   * Number of Kafka nodes (LEB_KAFKA_BROKERS_COUNT or `stack start --brokers <n>`, default 1).
   * Each node is a combined broker + KRaft controller; with 3, the cluster keeps working when one
   * node dies (replication factor 3, min.insync.replicas 2). Node n listens on kafkaPort + 2(n-1)
   * and controllerPort + 2(n-1).
   */
  kafkaNodes: number;
  /**
   * How clients reach Kafka (LEB_KAFKA_SECURITY, default plaintext). `sasl_ssl`: TLS with a CA
   * generated for the stack, SCRAM-SHA-512 logins (one principal per service) and ACLs.
   */
  kafkaSecurity: KafkaSecurityMode;
}

/** The local stack's Kafka security modes. */
export type KafkaSecurityMode = 'plaintext' | 'sasl_ssl';

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new Error(`${name} must be a TCP port (1-65535), got "${raw}"`);
  }
  return n;
}

function nodesFrom(env: NodeJS.ProcessEnv, recorded: number | undefined): number {
  const raw = env.LEB_KAFKA_BROKERS_COUNT;
  if (raw === undefined || raw === '') return recorded ?? 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new Error(`LEB_KAFKA_BROKERS_COUNT must be a node count from 1 to 5 (3 for the cluster mode), got "${raw}"`);
  return n;
}

function securityFrom(env: NodeJS.ProcessEnv, recorded: KafkaSecurityMode | undefined): KafkaSecurityMode {
  const raw = env.LEB_KAFKA_SECURITY;
  if (raw === undefined || raw === '') return recorded ?? 'plaintext';
  const v = raw.toLowerCase();
  if (v !== 'plaintext' && v !== 'sasl_ssl') throw new Error(`LEB_KAFKA_SECURITY must be "plaintext" or "sasl_ssl", got "${raw}"`);
  return v;
}

/** Reads the stack's configuration from the environment, applying the documented defaults. */
export function stackConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<StackConfig> = {}): StackConfig {
  const home = overrides.home ?? env.LEB_STACK_HOME ?? path.join(repoRoot, '.stack');
  // A stack keeps the mode it was created with unless the environment names one.
  const recorded = recordedStackMode(home);
  const kafkaNodes = overrides.kafkaNodes ?? nodesFrom(env, recorded?.kafkaNodes);
  return {
    home,
    cacheDir: overrides.cacheDir ?? env.LEB_STACK_CACHE ?? path.join(home, 'cache'),
    kafkaPort: overrides.kafkaPort ?? intFrom(env, 'LEB_KAFKA_PORT', 19092),
    controllerPort: overrides.controllerPort ?? intFrom(env, 'LEB_KAFKA_CONTROLLER_PORT', 19093),
    registryPort: overrides.registryPort ?? intFrom(env, 'LEB_REGISTRY_PORT', 18081),
    postgresPort: overrides.postgresPort ?? intFrom(env, 'LEB_POSTGRES_PORT', 15432),
    postgresVersion: overrides.postgresVersion ?? env.LEB_POSTGRES_VERSION ?? '17.11.0',
    kafkaVersion: overrides.kafkaVersion ?? env.LEB_KAFKA_VERSION ?? '4.1.2',
    log4jVersion: overrides.log4jVersion ?? '2.25.5',
    apicurioVersion: overrides.apicurioVersion ?? env.LEB_APICURIO_VERSION ?? '3.0.9',
    mavenRepo: overrides.mavenRepo ?? env.LEB_MAVEN_REPO ?? 'https://repo.maven.apache.org/maven2',
    // Three JVM brokers share the machine with everything else: smaller heaps each.
    kafkaHeap: overrides.kafkaHeap ?? env.LEB_KAFKA_HEAP ?? (kafkaNodes > 1 ? '384m' : '1g'),
    registryHeap: overrides.registryHeap ?? env.LEB_REGISTRY_HEAP ?? '768m',
    kafkaNodes,
    kafkaSecurity: overrides.kafkaSecurity ?? securityFrom(env, recorded?.kafkaSecurity),
  };
}

/** The addresses clients use to reach a stack. */
export interface StackEndpoints {
  kafkaBrokers: string;
  schemaRegistryUrl: string;
  stateStoreUrl: string;
}

/** One Kafka node of a stack: its KRaft node id (1-based) and ports. */
export interface KafkaNode {
  id: number;
  port: number;
  controllerPort: number;
}

/** The stack's Kafka nodes: node n listens on kafkaPort + 2(n-1) and controllerPort + 2(n-1). */
export function kafkaNodesOf(cfg: StackConfig): KafkaNode[] {
  return Array.from({ length: cfg.kafkaNodes }, (_, i) => ({ id: i + 1, port: cfg.kafkaPort + 2 * i, controllerPort: cfg.controllerPort + 2 * i }));
}

/** Client-facing endpoints of a stack: the values for KAFKA_BROKERS (every node) and SCHEMA_REGISTRY_URL. */
export function endpointsOf(cfg: StackConfig): StackEndpoints {
  return {
    kafkaBrokers: kafkaNodesOf(cfg).map((n) => `127.0.0.1:${n.port}`).join(','),
    schemaRegistryUrl: `http://127.0.0.1:${cfg.registryPort}/apis/ccompat/v7`,
    stateStoreUrl: `postgres://backbone@127.0.0.1:${cfg.postgresPort}/backbone`,
  };
}

/** Well-known paths inside a stack home. */
export function stackPaths(cfg: StackConfig) {
  return {
    kafkaLibs: path.join(cfg.cacheDir, `kafka-${cfg.kafkaVersion}`, 'libs'),
    apicurioDir: path.join(cfg.cacheDir, `apicurio-registry-${cfg.apicurioVersion}`),
    postgresDir: path.join(cfg.cacheDir, `postgresql-${cfg.postgresVersion}`),
    postgresData: path.join(cfg.home, 'data', 'postgres'),
    kafkaData: path.join(cfg.home, 'data', 'kafka'),
    secrets: path.join(cfg.home, 'secrets'),
    kafkaConfigDir: path.join(cfg.home, 'config'),
    logs: path.join(cfg.home, 'logs'),
    run: path.join(cfg.home, 'run'),
  };
}
