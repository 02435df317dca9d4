import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { javaBinary, StackPrerequisiteError } from './prerequisites.ts';
import { startDetached, waitUntil, type ManagedProcess } from './processes.ts';
import { endpointsOf, stackPaths, type StackConfig } from './stack-config.ts';

/** The Kafka broker process of a stack. */
export function kafkaProcess(cfg: StackConfig): ManagedProcess {
  const p = stackPaths(cfg);
  return {
    name: 'kafka',
    marker: 'kafka.Kafka',
    pidFile: path.join(p.run, 'kafka.pid'),
    logFile: path.join(p.logs, 'kafka.out'),
  };
}

/** Single-node KRaft (broker + controller) on loopback, with single-replica internal topics. */
function serverProperties(cfg: StackConfig): string {
  const p = stackPaths(cfg);
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${cfg.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${cfg.kafkaPort},CONTROLLER://127.0.0.1:${cfg.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${cfg.kafkaPort}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${p.kafkaData}`,
    'num.partitions=1',
    // Topics are declared in infra/topics.yaml and applied explicitly; a typo must not create one.
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // A single node has nobody else to wait for: join groups at once (tests create many).
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

function log4jProperties(cfg: StackConfig): string {
  const { logs } = stackPaths(cfg);
  return [
    'appender.file.type = RollingFile',
    'appender.file.name = file',
    `appender.file.fileName = ${path.join(logs, 'kafka.log')}`,
    `appender.file.filePattern = ${path.join(logs, 'kafka.log.%i')}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'appender.file.policies.type = Policies',
    'appender.file.policies.size.type = SizeBasedTriggeringPolicy',
    'appender.file.policies.size.size = 50MB',
    'appender.file.strategy.type = DefaultRolloverStrategy',
    'appender.file.strategy.max = 3',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.file.ref = file',
    'logger.kafka-request.name = kafka.request.logger',
    'logger.kafka-request.level = WARN',
    '',
  ].join('\n');
}

/** Writes the broker's config files and formats its storage when it has never been formatted. */
function prepare(cfg: StackConfig, libs: string): { config: string; log4j: string } {
  const p = stackPaths(cfg);
  mkdirSync(p.kafkaConfigDir, { recursive: true });
  mkdirSync(p.logs, { recursive: true });
  const config = path.join(p.kafkaConfigDir, 'server.properties');
  const log4j = path.join(p.kafkaConfigDir, 'log4j2.properties');
  writeFileSync(config, serverProperties(cfg));
  writeFileSync(log4j, log4jProperties(cfg));
  if (!existsSync(path.join(p.kafkaData, 'meta.properties'))) {
    mkdirSync(p.kafkaData, { recursive: true });
    // Static quorum (controller.quorum.voters): format without --standalone.
    const res = spawnSync(
      javaBinary(),
      ['-cp', `${libs}/*`, `-Dlog4j2.configurationFile=${log4j}`, 'kafka.tools.StorageTool', 'format', '-t', Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url'), '-c', config],
      { encoding: 'utf8' },
    );
    if (res.status !== 0) {
      throw new StackPrerequisiteError(`formatting Kafka storage in ${p.kafkaData} failed:\n${res.stdout}${res.stderr}`);
    }
  }
  return { config, log4j };
}

/** True when the broker answers a metadata request. */
export async function kafkaAnswers(cfg: StackConfig): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'leb-stack-probe',
    brokers: [endpointsOf(cfg).kafkaBrokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Starts the broker (formatting storage on first use) and waits until it answers metadata. */
export async function startKafka(cfg: StackConfig, libs: string): Promise<void> {
  const { config, log4j } = prepare(cfg, libs);
  const proc = kafkaProcess(cfg);
  const started = startDetached(
    proc,
    javaBinary(),
    [
      `-Xms256m`,
      `-Xmx${cfg.kafkaHeap}`,
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${log4j}`,
      '-cp',
      `${libs}/*`,
      'kafka.Kafka',
      config,
    ],
    cfg.home,
  );
  await waitUntil(proc, started, 'answering metadata requests', () => kafkaAnswers(cfg), 120_000);
}
