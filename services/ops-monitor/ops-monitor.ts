import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { healthRouter } from '../platform/http/health-router.ts';
import { kafkaCheck } from '../platform/http/kafka-check.ts';
import type { PartitionLag } from '../platform/kafka/consumer-lag.ts';
import type { AdminPort } from '../platform/kafka/kafka-port.ts';
import { createLogger, type Logger } from '../platform/logging/logger.ts';
import { Platform } from '../platform/runtime/platform.ts';
import { SlaStore } from '../platform/sla/sla-store.ts';
import { SlaTracker } from '../platform/sla/sla-tracker.ts';
import { metricsRouter } from '../platform/telemetry/metrics-router.ts';
import { TimelineStore } from '../platform/timeline/timeline-store.ts';
import { groupsLag } from './group-lag.ts';
import { MonitorConsumer } from './monitor-consumer.ts';
import { OpsMetrics } from './ops-metrics.ts';
import { opsRouter } from './ops-router.ts';
import type { OpsMonitorConfig } from './ops-monitor-config.ts';

/**
 * The ops monitor: indexes every record of the lifecycle, retry and dead-letter topics into
 * the shipment timeline, tracks the business SLAs declared in SLA_RULES_FILE (a periodic
 * sweep turns overdue obligations into breaches), and exports consumer lag and SLA metrics.
 * Serves /health/live, /health/ready, /metrics, /lag, /sla and /timeline.
 */
export class OpsMonitor {
  private consumer?: MonitorConsumer;
  private server?: Server;
  private metrics?: OpsMetrics;
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private admin?: Promise<AdminPort>;
  /** Set by start(): the stores, for tests and tools. */
  timeline?: TimelineStore;
  sla?: SlaStore;
  tracker?: SlaTracker;

  private constructor(
    readonly config: OpsMonitorConfig,
    readonly platform: Platform,
    private readonly logger: Logger,
  ) {}

  /** Builds the monitor from validated config; nothing is connected until start(). */
  static fromConfig(config: OpsMonitorConfig, logger = createLogger('ops-monitor', config.platform.logLevel)): OpsMonitor {
    return new OpsMonitor(config, Platform.fromConfig(config.platform, logger), logger);
  }

  /** The HTTP address once started (port 0 resolved). */
  get url(): string {
    const a = this.server?.address() as AddressInfo | null | undefined;
    if (!a) throw new Error('ops monitor is not serving HTTP');
    return `http://${this.config.host}:${a.port}`;
  }

  /** Lag of every configured group (and its retry group) now. */
  async lag(): Promise<PartitionLag[]> {
    this.admin ??= this.platform.admin();
    const topics = this.platform.topics;
    return groupsLag(await this.admin, this.config.lagGroups, { lifecycle: topics.lifecycle.name, retry: topics.retry.name });
  }

  /** Creates the tables, declares the rules, joins the group, starts the sweep and serves HTTP. */
  async start(): Promise<void> {
    const c = this.config;
    const store = this.platform.stateStore();
    const topics = this.platform.topics;
    [this.timeline, this.sla] = await Promise.all([TimelineStore.open(store), SlaStore.open(store)]);
    const sla = this.sla;
    this.tracker = new SlaTracker(c.rules, sla);
    await this.tracker.declare(c.groupId);
    this.metrics = new OpsMetrics({ lag: () => this.lag(), sla: () => sla.summary(), ruleIds: c.rules.map((r) => r.id), logger: this.logger });
    const metrics = this.metrics;
    this.consumer = new MonitorConsumer({
      consumer: this.platform.kafka.consumer({ groupId: c.groupId }),
      codec: this.platform.codec,
      topics: { lifecycle: topics.lifecycle.name, retry: topics.retry.name, deadLetter: topics.deadLetter.name },
      timeline: this.timeline,
      tracker: this.tracker,
      logger: this.logger.child({ component: 'monitor-consumer' }),
      onTransitions: (t) => metrics.count(t),
    });
    await this.consumer.start();
    this.sweeper = setInterval(() => void this.sweep(), c.sweepIntervalMs);
    this.sweeper.unref();
    const app = express();
    app.use(healthRouter({ consumer: () => this.consumer?.hasJoinedGroup ?? false, kafka: kafkaCheck(this.platform), stateStore: () => store.ready() }, { live: { consumer: () => !this.consumer?.failure } }));
    app.use(metricsRouter());
    app.use(opsRouter({ lag: () => this.lag(), sla, timeline: this.timeline }));
    await new Promise<void>((resolve, reject) => {
      this.server = app.listen(c.port, c.host, (err?: Error) => (err ? reject(err) : resolve()));
    });
    this.logger.info({ url: this.url, rules: c.rules.map((r) => r.id), lagGroups: c.lagGroups }, 'ops monitor started');
  }

  /** Runs one SLA sweep now (also run every SLA_SWEEP_INTERVAL); overlapping calls share one run. */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        const transitions = await this.tracker!.sweep();
        this.metrics?.count(transitions);
        const missed = transitions.filter((t) => t.newlyMissed);
        if (missed.length > 0) this.logger.warn({ breaches: missed.length, rules: [...new Set(missed.map((t) => t.ruleId))] }, 'SLA deadlines missed');
      } catch (err) {
        this.logger.warn({ err: String(err) }, 'SLA sweep failed; next interval retries');
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  /** Stops the sweep and HTTP, leaves the group, removes its metrics and closes connections. */
  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.sweeping;
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.consumer?.stop();
    this.metrics?.close();
    await this.platform.close();
  }
}
