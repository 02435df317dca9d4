import { rmSync } from 'node:fs';
import path from 'node:path';
import { ensureApicurio, ensureKafkaJars, ensurePostgres } from './fetch-artifacts.ts';
import { clientEnv } from './kafka-broker-security.ts';
import { kafkaAnswers, kafkaNodePaths, kafkaProcess, startKafka } from './kafka-node.ts';
import { assertPortFree, javaBinary } from './prerequisites.ts';
import { postgresProcess, postgresReady, startPostgres } from './postgres-node.ts';
import { runningPid, stopProcess } from './processes.ts';
import { registryProcess, registryReady, setGlobalCompatibility, startRegistry } from './registry-node.ts';
import { grantStackPrincipals } from './stack-acls.ts';
import { endpointsOf, kafkaNodesOf, stackConfigFromEnv, stackPaths, type StackConfig, type StackEndpoints } from './stack-config.ts';
import { forgetStackMode } from './stack-mode.ts';

/** One component's state, as `stack status` prints it. */
export interface ComponentStatus {
  name: string;
  pid: number | undefined;
  ready: boolean;
  address: string;
  log: string;
}

/**
 * The embedded local stack: Apache Kafka (one KRaft node, or a cluster of three with
 * LEB_KAFKA_BROKERS_COUNT=3; plaintext, or SASL_SSL with ACLs with LEB_KAFKA_SECURITY=sasl_ssl),
 * one Apicurio Registry and one PostgreSQL (the backbone's state store), run as background
 * processes from artifacts fetched from Maven Central.
 * Lifecycle: `start()` is idempotent (it starts only what is not running), `stop()` keeps
 * data, `reset()` deletes data (events and schemas together).
 */
export class LocalStack {
  readonly config: StackConfig;
  readonly endpoints: StackEndpoints;
  private readonly say: (line: string) => void;

  constructor(config: StackConfig = stackConfigFromEnv(), say: (line: string) => void = (l) => console.error(`[stack] ${l}`)) {
    this.config = config;
    this.endpoints = endpointsOf(config);
    this.say = say;
  }

  /** Fetches what is missing, then starts Kafka and the registry unless already running; resolves when both are ready. Returns true when it started anything. */
  async start(): Promise<boolean> {
    javaBinary();
    const libs = ensureKafkaJars(this.config, this.say);
    const jar = await ensureApicurio(this.config, this.say);
    const pgBin = await ensurePostgres(this.config, this.say);
    let started = false;
    if (runningPid(postgresProcess(this.config)) === undefined) {
      await assertPortFree(this.config.postgresPort, 'PostgreSQL state store', 'LEB_POSTGRES_PORT');
      this.say(`starting PostgreSQL ${this.config.postgresVersion} on ${this.endpoints.stateStoreUrl} ...`);
      await startPostgres(this.config, pgBin);
      started = true;
    }
    const down = kafkaNodesOf(this.config).filter((n) => runningPid(kafkaProcess(this.config, n)) === undefined);
    if (down.length > 0) {
      for (const n of down) {
        await assertPortFree(n.port, `Kafka broker ${n.id}`, 'LEB_KAFKA_PORT');
        await assertPortFree(n.controllerPort, `Kafka controller ${n.id}`, 'LEB_KAFKA_CONTROLLER_PORT');
      }
      const what = this.config.kafkaNodes === 1 ? 'Kafka' : `Kafka node(s) ${down.map((n) => n.id).join(', ')} of ${this.config.kafkaNodes}`;
      this.say(`starting ${what} ${this.config.kafkaVersion} (${this.config.kafkaSecurity}) on ${this.endpoints.kafkaBrokers} ...`);
      await startKafka(this.config, libs, down);
      started = true;
    } else if (!(await kafkaAnswers(this.config))) {
      throw new Error(`Kafka is running (pid ${runningPid(kafkaProcess(this.config))}) but does not answer; see ${kafkaProcess(this.config).logFile} or run "npm run stack -- restart"`);
    }
    await grantStackPrincipals(this.config);
    if (runningPid(registryProcess(this.config)) === undefined) {
      await assertPortFree(this.config.registryPort, 'schema registry', 'LEB_REGISTRY_PORT');
      this.say(`starting Apicurio Registry ${this.config.apicurioVersion} on ${this.endpoints.schemaRegistryUrl} ...`);
      await startRegistry(this.config, jar);
      started = true;
    } else {
      await setGlobalCompatibility(this.config);
    }
    this.say(`ready: KAFKA_BROKERS=${this.endpoints.kafkaBrokers} SCHEMA_REGISTRY_URL=${this.endpoints.schemaRegistryUrl} STATE_STORE_URL=${this.endpoints.stateStoreUrl}`);
    if (this.config.kafkaSecurity === 'sasl_ssl') {
      const env = clientEnv(this.config, 'admin');
      this.say(`secured (SASL_SSL, SCRAM-SHA-512): KAFKA_SSL_CA_FILE=${env.KAFKA_SSL_CA_FILE} KAFKA_SASL_MECHANISM=scram-sha-512; one login per service, KAFKA_SASL_USERNAME=<principal> KAFKA_SASL_PASSWORD_FILE=${path.dirname(env.KAFKA_SASL_PASSWORD_FILE!)}/<principal>.password (admin: ${env.KAFKA_SASL_PASSWORD_FILE})`);
    }
    return started;
  }

  /** Stops the registry, then every Kafka node at once (the registry's journal lives in Kafka). Data is kept. */
  async stop(): Promise<void> {
    if (await stopProcess(registryProcess(this.config))) this.say('registry stopped');
    await this.stopKafka();
    if (await stopProcess(postgresProcess(this.config))) this.say('postgres stopped');
  }

  private async stopKafka(signal?: NodeJS.Signals): Promise<void> {
    const procs = kafkaNodesOf(this.config).map((n) => kafkaProcess(this.config, n));
    const stopped = await Promise.all(procs.map((p) => stopProcess(signal ? { ...p, stopSignal: signal } : p)));
    procs.forEach((p, i) => stopped[i] && this.say(`${p.name} stopped`));
  }

  /**
   * Stops one component (for fault tests); `start()` brings it back. "kafka" stops every Kafka
   * node; "kafka-<id>" one node of a cluster (node ids start at 1).
   */
  async stopComponent(name: 'kafka' | `kafka-${number}` | 'registry' | 'postgres', signal?: NodeJS.Signals): Promise<void> {
    if (name === 'kafka') return this.stopKafka(signal);
    const node = /^kafka-(\d+)$/.exec(name);
    let proc;
    if (node) {
      const n = kafkaNodesOf(this.config).find((k) => k.id === Number(node[1]));
      if (!n) throw new Error(`${name}: this stack has ${this.config.kafkaNodes} Kafka node(s)`);
      proc = kafkaProcess(this.config, n);
    } else {
      proc = (name === 'registry' ? registryProcess : postgresProcess)(this.config);
    }
    await stopProcess(signal ? { ...proc, stopSignal: signal } : proc);
  }

  /** Stops everything and deletes broker data (and with it the registry's schemas), the state store and logs; the artifact cache stays. */
  async reset(): Promise<void> {
    await this.stop();
    const p = stackPaths(this.config);
    for (const n of kafkaNodesOf(this.config)) rmSync(kafkaNodePaths(this.config, n).data, { recursive: true, force: true });
    forgetStackMode(this.config.home);
    rmSync(p.postgresData, { recursive: true, force: true });
    rmSync(p.logs, { recursive: true, force: true });
    this.say(`data deleted (${p.kafkaData})`);
  }

  /** Whether each component (each Kafka node) runs and is ready. */
  async status(): Promise<ComponentStatus[]> {
    const r = registryProcess(this.config);
    const pgp = postgresProcess(this.config);
    const pgPid = runningPid(pgp);
    const rPid = runningPid(r);
    const kafka: ComponentStatus[] = [];
    for (const n of kafkaNodesOf(this.config)) {
      const k = kafkaProcess(this.config, n);
      const pid = runningPid(k);
      kafka.push({ name: k.name, pid, ready: pid !== undefined && (await kafkaAnswers(this.config, n)), address: `127.0.0.1:${n.port}`, log: k.logFile });
    }
    return [
      ...kafka,
      {
        name: 'registry',
        pid: rPid,
        ready: rPid !== undefined && (await registryReady(this.config).catch(() => false)),
        address: this.endpoints.schemaRegistryUrl,
        log: r.logFile,
      },
      { name: 'postgres', pid: pgPid, ready: pgPid !== undefined && (await postgresReady(this.config)), address: this.endpoints.stateStoreUrl, log: pgp.logFile },
    ];
  }
}
