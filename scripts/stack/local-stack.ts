import { rmSync } from 'node:fs';
import { ensureApicurio, ensureKafkaJars, ensurePostgres } from './fetch-artifacts.ts';
import { kafkaAnswers, kafkaProcess, startKafka } from './kafka-node.ts';
import { assertPortFree, javaBinary } from './prerequisites.ts';
import { postgresProcess, postgresReady, startPostgres } from './postgres-node.ts';
import { runningPid, stopProcess } from './processes.ts';
import { registryProcess, registryReady, setGlobalCompatibility, startRegistry } from './registry-node.ts';
import { endpointsOf, stackConfigFromEnv, stackPaths, type StackConfig, type StackEndpoints } from './stack-config.ts';

/** One component's state, as `stack status` prints it. */
export interface ComponentStatus {
  name: string;
  pid: number | undefined;
  ready: boolean;
  address: string;
  log: string;
}

/**
 * The embedded local stack: one Apache Kafka broker (KRaft), one Apicurio Registry and one
 * PostgreSQL (the backbone's state store), run as background processes from artifacts
 * fetched from Maven Central.
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
    if (runningPid(kafkaProcess(this.config)) === undefined) {
      await assertPortFree(this.config.kafkaPort, 'Kafka broker', 'LEB_KAFKA_PORT');
      await assertPortFree(this.config.controllerPort, 'Kafka controller', 'LEB_KAFKA_CONTROLLER_PORT');
      this.say(`starting Kafka ${this.config.kafkaVersion} on ${this.endpoints.kafkaBrokers} ...`);
      await startKafka(this.config, libs);
      started = true;
    } else if (!(await kafkaAnswers(this.config))) {
      throw new Error(`Kafka is running (pid ${runningPid(kafkaProcess(this.config))}) but does not answer; see ${kafkaProcess(this.config).logFile} or run "npm run stack -- restart"`);
    }
    if (runningPid(registryProcess(this.config)) === undefined) {
      await assertPortFree(this.config.registryPort, 'schema registry', 'LEB_REGISTRY_PORT');
      this.say(`starting Apicurio Registry ${this.config.apicurioVersion} on ${this.endpoints.schemaRegistryUrl} ...`);
      await startRegistry(this.config, jar);
      started = true;
    } else {
      await setGlobalCompatibility(this.config);
    }
    this.say(`ready: KAFKA_BROKERS=${this.endpoints.kafkaBrokers} SCHEMA_REGISTRY_URL=${this.endpoints.schemaRegistryUrl} STATE_STORE_URL=${this.endpoints.stateStoreUrl}`);
    return started;
  }

  /** Stops the registry, then the broker (the registry's journal lives in Kafka). Data is kept. */
  async stop(): Promise<void> {
    if (await stopProcess(registryProcess(this.config))) this.say('registry stopped');
    if (await stopProcess(kafkaProcess(this.config))) this.say('kafka stopped');
    if (await stopProcess(postgresProcess(this.config))) this.say('postgres stopped');
  }

  /** Stops one component (for fault tests); `start()` brings it back. */
  async stopComponent(name: 'kafka' | 'registry' | 'postgres', signal?: NodeJS.Signals): Promise<void> {
    const proc = { kafka: kafkaProcess, registry: registryProcess, postgres: postgresProcess }[name](this.config);
    await stopProcess(signal ? { ...proc, stopSignal: signal } : proc);
  }

  /** Stops everything and deletes broker data (and with it the registry's schemas), the state store and logs; the artifact cache stays. */
  async reset(): Promise<void> {
    await this.stop();
    const p = stackPaths(this.config);
    rmSync(p.kafkaData, { recursive: true, force: true });
    rmSync(p.postgresData, { recursive: true, force: true });
    rmSync(p.logs, { recursive: true, force: true });
    this.say(`data deleted (${p.kafkaData})`);
  }

  /** Whether each component runs and is ready. */
  async status(): Promise<ComponentStatus[]> {
    const k = kafkaProcess(this.config);
    const r = registryProcess(this.config);
    const pgp = postgresProcess(this.config);
    const pgPid = runningPid(pgp);
    const kPid = runningPid(k);
    const rPid = runningPid(r);
    return [
      { name: 'kafka', pid: kPid, ready: kPid !== undefined && (await kafkaAnswers(this.config)), address: this.endpoints.kafkaBrokers, log: k.logFile },
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
