import express, { Router } from 'express';
import type { AdminApiConfig } from '../admin-api-config.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { ReplayToolkit } from '../../platform/replay/replay-toolkit.ts';
import { SlaStore } from '../../platform/sla/sla-store.ts';
import { TimelineStore } from '../../platform/timeline/timeline-store.ts';
import type { ConsoleConfig } from './console-config.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { ConsoleSessions, requireCsrf, requireSession } from './console-session.ts';
import { deadLetterRoutes } from './dead-letters-page.ts';
import { lagRoutes } from './lag-page.ts';
import { consoleBase } from './layout.ts';
import { loginRoutes } from './login-routes.ts';
import { MetricsSampler } from './metrics-sampler.ts';
import { overviewRoutes } from './overview-page.ts';
import { replayRoutes } from './replays-page.ts';
import { slaRoutes } from './sla-page.ts';
import { timelineRoutes } from './timeline-page.ts';

/** Opens a store once; a failed open is retried on the next call. */
function lazy<T>(open: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= open().catch((err: unknown) => {
    p = undefined;
    throw err;
  }));
}

/**
 * The operations console, mounted by the admin API at /console: sign-in over the API's
 * users, then server-rendered pages for services and lag, plots, dead letters, replays, SLA
 * breaches and shipment timelines. Owns the metrics sampler that feeds the plots.
 */
export class OperationsConsole {
  readonly sampler: MetricsSampler;
  private readonly deps: ConsoleDeps;
  private readonly sessions: ConsoleSessions;

  constructor(tk: ReplayToolkit, config: ConsoleConfig, tokens: AdminApiConfig['tokens'], logger: Logger) {
    const topics = tk.platform.topics;
    this.sampler = new MetricsSampler(
      { admin: tk.admin, logger },
      {
        topics: topics.topics.map((t) => t.name),
        lagTopics: [topics.lifecycle.name, topics.retry.name, topics.deadLetter.name],
        intervalMs: config.sampleIntervalMs,
        capacity: config.samples,
        groups: config.groups,
      },
    );
    const store = tk.platform.stateStore();
    this.deps = { tk, config, sampler: this.sampler, logger, timeline: lazy(() => TimelineStore.open(store)), sla: lazy(() => SlaStore.open(store)) };
    this.sessions = new ConsoleSessions(tokens, config.sessionSecret, config.sessionTtlMs);
  }

  /** The console's routes, to mount at /console. */
  router(): Router {
    const router = Router();
    router.use(express.urlencoded({ extended: false, limit: '16kb' }));
    router.use((_req, res, next) => {
      // Pages carry no third-party content: forbid framing, inline script and foreign resources.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'same-origin');
      res.setHeader('Cache-Control', 'no-store');
      next();
    });
    loginRoutes(router, this.sessions, this.deps.logger);
    router.use(requireSession(this.sessions, consoleBase), requireCsrf);
    for (const routes of [overviewRoutes, lagRoutes, deadLetterRoutes, replayRoutes, slaRoutes, timelineRoutes]) routes(router, this.deps);
    return router;
  }

  /** Starts sampling. */
  start(): void {
    this.sampler.start();
  }

  /** Stops sampling. */
  async stop(): Promise<void> {
    await this.sampler.stop();
  }
}
