import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { kafkajsSecurity } from '../../services/platform/kafka/kafkajs-client.ts';
import { brokerSecurity, clientSecurity } from './kafka-broker-security.ts';
import { serverProperties } from './kafka-server-properties.ts';
import { javaBinary, StackPrerequisiteError } from './prerequisites.ts';
import { startDetached, waitUntil, type ManagedProcess } from './processes.ts';
import { endpointsOf, kafkaNodesOf, stackPaths, type KafkaNode, type StackConfig } from './stack-config.ts';
import { recordedStackMode, recordStackMode } from './stack-mode.ts';

/** Files and folders of one Kafka node; node 1 keeps the single-node stack's names. */
export function kafkaNodePaths(cfg: StackConfig, node: KafkaNode) {
  const p = stackPaths(cfg);
  const suffix = node.id === 1 ? '' : `-${node.id}`;
  return {
    data: `${p.kafkaData}${suffix}`,
    config: path.join(p.kafkaConfigDir, `server${suffix}.properties`),
    log4j: path.join(p.kafkaConfigDir, `log4j2${suffix}.properties`),
    log: path.join(p.logs, `kafka${suffix}.log`),
    out: path.join(p.logs, `kafka${suffix}.out`),
    pid: path.join(p.run, `kafka${suffix}.pid`),
  };
}

/** A Kafka node's process ("kafka" on a single-node stack, "kafka-<id>" in a cluster); default: node 1. */
export function kafkaProcess(cfg: StackConfig, node: KafkaNode = kafkaNodesOf(cfg)[0]!): ManagedProcess {
  const np = kafkaNodePaths(cfg, node);
  return {
    name: cfg.kafkaNodes === 1 ? 'kafka' : `kafka-${node.id}`,
    // The node's own config file: tells the nodes of one stack (and other stacks) apart.
    marker: np.config,
    pidFile: np.pid,
    logFile: np.out,
  };
}

function log4jProperties(logFile: string): string {
  return [
    'appender.file.type = RollingFile',
    'appender.file.name = file',
    `appender.file.fileName = ${logFile}`,
    `appender.file.filePattern = ${logFile}.%i`,
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

function clusterIdOf(dataDir: string): string | undefined {
  const meta = path.join(dataDir, 'meta.properties');
  if (!existsSync(meta)) return undefined;
  return /^cluster\.id=(.+)$/m.exec(readFileSync(meta, 'utf8'))?.[1]?.trim();
}

/**
 * Fails when the stack's Kafka data was formatted in another mode (node count or security):
 * the quorum, the listeners and the logins are fixed at format time.
 */
function assertSameMode(cfg: StackConfig, formatted: boolean): void {
  if (!formatted) return;
  const was = recordedStackMode(cfg.home) ?? { kafkaNodes: 1, kafkaSecurity: 'plaintext' };
  if (was.kafkaNodes !== cfg.kafkaNodes || was.kafkaSecurity !== cfg.kafkaSecurity) {
    throw new StackPrerequisiteError(
      `the stack in ${cfg.home} was created with ${was.kafkaNodes} Kafka node(s), security ${was.kafkaSecurity}; ` +
        `it cannot switch to ${cfg.kafkaNodes} node(s), security ${cfg.kafkaSecurity}. Run "npm run stack -- reset" first (deletes its data) or use another LEB_STACK_HOME.`,
    );
  }
}

/**
 * A new cluster id as Kafka writes them: 16 random bytes in URL-safe base64. Like Kafka's
 * Uuid.randomUuid, never one starting with '-': the format tool's argument parser takes
 * `-t -abc...` for an option and fails ("expected one argument"), once in 64 formats.
 */
export function newClusterId(): string {
  for (;;) {
    const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Writes every node's config files and formats the storage of nodes never formatted (one cluster id, one static quorum). */
function prepare(cfg: StackConfig, libs: string): void {
  const p = stackPaths(cfg);
  const nodes = kafkaNodesOf(cfg);
  mkdirSync(p.kafkaConfigDir, { recursive: true });
  mkdirSync(p.logs, { recursive: true });
  const ids = nodes.map((n) => clusterIdOf(kafkaNodePaths(cfg, n).data));
  assertSameMode(cfg, ids.some(Boolean));
  const clusterId = ids.find(Boolean) ?? newClusterId();
  const security = cfg.kafkaSecurity === 'sasl_ssl' ? brokerSecurity(cfg) : undefined;
  for (const node of nodes) {
    const np = kafkaNodePaths(cfg, node);
    // A secured broker's file holds passwords: owner only.
    writeFileSync(np.config, serverProperties(node, nodes, np.data, security?.properties), { mode: 0o600 });
    chmodSync(np.config, 0o600);
    writeFileSync(np.log4j, log4jProperties(np.log));
    if (clusterIdOf(np.data) !== undefined) continue;
    mkdirSync(np.data, { recursive: true });
    // Static quorum (controller.quorum.voters): format without --standalone.
    const res = spawnSync(
      javaBinary(),
      ['-cp', `${libs}/*`, `-Dlog4j2.configurationFile=${np.log4j}`, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', np.config, ...(security?.formatArgs ?? [])],
      { encoding: 'utf8' },
    );
    if (res.status !== 0) {
      // The output may echo SCRAM arguments: show it only for the plaintext stack.
      throw new StackPrerequisiteError(`formatting Kafka storage in ${np.data} failed:\n${security ? '(output withheld: it may contain passwords)' : `${res.stdout}${res.stderr}`}`);
    }
  }
  recordStackMode(cfg.home, { kafkaNodes: cfg.kafkaNodes, kafkaSecurity: cfg.kafkaSecurity });
}

/**
 * A quiet kafkajs client of the stack's Kafka for the stack's own scripts, as the `admin`
 * principal on a secured stack; `overrides` replace any of its settings (brokers included).
 */
export function stackAdminKafka(cfg: StackConfig, clientId: string, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: endpointsOf(cfg).kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
    ...kafkajsSecurity(clientSecurity(cfg, 'admin')),
    ...overrides,
  });
}

/**
 * True when Kafka answers a metadata request and the cluster reports all its brokers; with
 * `node`, only that node is asked (and need not see the others). Secured stacks are probed as
 * the `admin` principal.
 */
export async function kafkaAnswers(cfg: StackConfig, node?: KafkaNode): Promise<boolean> {
  const kafka = stackAdminKafka(cfg, 'leb-stack-probe', {
    ...(node ? { brokers: [`127.0.0.1:${node.port}`] } : {}),
    connectionTimeout: 1000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.controller === null || cluster.brokers.length === 0) return false;
    return node ? cluster.brokers.some((b) => b.nodeId === node.id) : cluster.brokers.length >= cfg.kafkaNodes;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Starts the Kafka nodes that are not running (formatting storage on first use), all at once (a
 * cluster needs a quorum to answer), and waits until each answers and the cluster reports every
 * broker.
 */
export async function startKafka(cfg: StackConfig, libs: string, nodes: KafkaNode[] = kafkaNodesOf(cfg)): Promise<void> {
  prepare(cfg, libs);
  const launched = nodes.map((node) => {
    const np = kafkaNodePaths(cfg, node);
    const proc = kafkaProcess(cfg, node);
    const started = startDetached(
      proc,
      javaBinary(),
      [
        `-Xms${cfg.kafkaNodes > 1 ? '128m' : '256m'}`,
        `-Xmx${cfg.kafkaHeap}`,
        '-XX:+UseG1GC',
        '-Djava.awt.headless=true',
        `-Dlog4j2.configurationFile=${np.log4j}`,
        '-cp',
        `${libs}/*`,
        'kafka.Kafka',
        np.config,
      ],
      cfg.home,
    );
    return { node, proc, started };
  });
  await Promise.all(launched.map((l) => waitUntil(l.proc, l.started, 'answering metadata requests', () => kafkaAnswers(cfg, l.node), 180_000)));
  const first = launched[0];
  if (first && cfg.kafkaNodes > 1) await waitUntil(first.proc, first.started, `seeing all ${cfg.kafkaNodes} brokers`, () => kafkaAnswers(cfg), 120_000);
}
