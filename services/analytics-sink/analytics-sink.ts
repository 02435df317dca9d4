import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { healthRouter } from '../platform/http/health-router.ts';
import { kafkaCheck } from '../platform/http/kafka-check.ts';
import { createLogger, type Logger } from '../platform/logging/logger.ts';
import { Platform } from '../platform/runtime/platform.ts';
import { metricsRouter } from '../platform/telemetry/metrics-router.ts';
import type { AnalyticsSinkConfig } from './analytics-config.ts';
import { AnalyticsStore, type StoreHooks } from './analytics-store.ts';
import { queryRouter } from './query-router.ts';
import { SinkConsumer, type SinkStats, type StoredBatch } from './sink-consumer.ts';
import { WriterSchemaDecoder } from './writer-decoder.ts';

/** Extra wiring for tools and tests: store hooks (fault injection) and a per-batch callback (progress). */
export interface AnalyticsSinkOptions {
  hooks?: StoreHooks;
  onStored?: (batch: StoredBatch) => void;
}

/**
 * The analytics sink: consumes every canonical topic into an embedded DuckDB file, one table
 * per event type, exactly once (rows and offsets commit together; it resumes from the stored
 * offsets). Serves /health/live, /health/ready and the query API (see query-router.ts).
 */
export class AnalyticsSink {
  private store?: AnalyticsStore;
  private consumer?: SinkConsumer;
  private server?: Server;

  private constructor(
    readonly config: AnalyticsSinkConfig,
    readonly platform: Platform,
    private readonly logger: Logger,
    private readonly options: AnalyticsSinkOptions,
  ) {}

  /** Builds the sink from validated config; nothing is opened or connected yet. */
  static fromConfig(config: AnalyticsSinkConfig, logger = createLogger('analytics-sink', config.platform.logLevel), options: AnalyticsSinkOptions = {}): AnalyticsSink {
    return new AnalyticsSink(config, Platform.fromConfig(config.platform, logger), logger, options);
  }

  /** Opens the store, starts consuming from the stored offsets, then serves HTTP. */
  async start(): Promise<void> {
    const { config, platform, logger } = this;
    this.store = await AnalyticsStore.open({ dbPath: config.dbPath, logger, hooks: this.options.hooks, confineFilesTo: config.exportDir });
    logger.info({ dbPath: this.store.dbPath, tables: this.store.tables.tableNames.length }, 'analytics store open');
    this.consumer = new SinkConsumer({
      consumer: platform.kafka.consumer({ groupId: config.groupId, sessionTimeoutMs: config.sessionTimeoutMs }),
      topics: [platform.topics.lifecycle.name],
      decoder: new WriterSchemaDecoder(platform.codec, platform.registry),
      store: this.store,
      deadLetters: await platform.deadLetterPublisher('analytics-sink'),
      logger,
      outageRetry: { maxAttempts: Infinity, minDelayMs: 500, maxDelayMs: 15_000 },
      onStored: this.options.onStored,
    });
    await this.consumer.start();
    if (config.httpPort >= 0) {
      const app = express();
      app.use(healthRouter({ consumer: () => this.consumer?.isRunning ?? false, kafka: kafkaCheck(platform), store: () => this.store !== undefined }, { live: { consumer: () => !this.consumer?.failure } }));
      app.use(metricsRouter());
      app.use(queryRouter({ store: () => this.store, exportDir: path.resolve(config.exportDir), stats: () => this.statsJson() }));
      const server = app.listen(config.httpPort, config.host);
      this.server = server;
      await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
      logger.info({ url: this.url }, 'analytics sink HTTP listening');
    }
  }

  /** Stops consuming (a batch in flight commits whole or not at all), closes HTTP, the store and Kafka clients. */
  async stop(): Promise<void> {
    this.server?.close();
    await this.consumer?.stop();
    await this.store?.close();
    this.store = undefined;
    await this.platform.close();
  }

  /** Base URL of the HTTP endpoints, once started with a port. */
  get url(): string | undefined {
    const a = this.server?.address() as AddressInfo | null | undefined;
    return a ? `http://${this.config.host}:${a.port}` : undefined;
  }

  /** Counters of this process. */
  get stats(): SinkStats {
    return { ...(this.consumer?.stats ?? { batches: 0, rowsInserted: 0, duplicateEventIds: 0, skippedAlreadyStored: 0, deadLettered: 0 }) };
  }

  /** Stored next offsets by `topic#partition`, as this process knows them. */
  storedOffsets(): ReadonlyMap<string, bigint> {
    return this.consumer?.storedOffsets() ?? new Map();
  }

  /** The open store (queries while the sink runs). */
  get openStore(): AnalyticsStore | undefined {
    return this.store;
  }

  private statsJson(): Record<string, unknown> {
    return { ...this.stats, storedOffsets: Object.fromEntries([...this.storedOffsets()].map(([k, v]) => [k, v.toString()])) };
  }
}
