import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { BackboneError } from '../platform/errors/backbone-error.ts';
import { healthRouter } from '../platform/http/health-router.ts';
import { kafkaCheck } from '../platform/http/kafka-check.ts';
import { sendProblem } from '../platform/http/problem.ts';
import { createLogger, type Logger } from '../platform/logging/logger.ts';
import type { ConsumerRegistry } from '../platform/replay/consumer-definition.ts';
import { entryJson } from '../platform/replay/dead-letter-inbox.ts';
import { auditList, controlRun, deadLetterList, redriveCommand, replayCommand, rewindCommand, type ReplayRequest } from '../platform/replay/replay-commands.ts';
import { ReplayRequestError } from '../platform/replay/replay-errors.ts';
import { ReplayToolkit } from '../platform/replay/replay-toolkit.ts';
import { Platform } from '../platform/runtime/platform.ts';
import { metricsRouter } from '../platform/telemetry/metrics-router.ts';
import type { AdminApiConfig } from './admin-api-config.ts';
import { authenticate, requireOperator, type Caller } from './admin-auth.ts';
import { OperationsConsole } from './console/operations-console.ts';

const conflictCodes = new Set(['GROUP_ACTIVE', 'RUN_CONFLICT', 'RUN_NOT_ACTIVE']);
const list = (v: unknown): string[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v.map(String) : String(v).split(','));

/** Runs a handler, answering problems: request errors 400 (409 for conflicts), others 500 or 503. */
const handle = (fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
  try {
    await fn(req, res);
  } catch (err) {
    if (err instanceof ReplayRequestError) return sendProblem(res, conflictCodes.has(err.code) ? 409 : 400, err.code, err.message);
    if (err instanceof BackboneError) return sendProblem(res, err.retriable ? 503 : 500, err.code, err.message);
    sendProblem(res, 500, 'UNEXPECTED', (err as Error).message);
  }
};

/**
 * The replay tooling over authenticated HTTP: the same rewind, replay, dead-letter and audit
 * operations as `npm run replay`. Bearer tokens from ADMIN_API_TOKENS; viewers may list and
 * dry-run, operators may also execute. The token's name is the audit log's actor. An
 * executed replay runs in the background: 202 with its run id, then poll, pause, resume, cancel.
 * With console settings it also serves the operations console at /console (same users).
 */
export class AdminApi {
  private server?: Server;
  private tk?: ReplayToolkit;
  private console?: OperationsConsole;
  private readonly running = new Map<string, { abort: AbortController; done: Promise<unknown> }>();

  constructor(
    readonly config: AdminApiConfig,
    private readonly registry: ConsumerRegistry,
    private readonly logger: Logger = createLogger('admin-api', config.platform.logLevel),
  ) {}

  async start(): Promise<void> {
    this.tk = await ReplayToolkit.open(Platform.fromConfig(this.config.platform, this.logger), this.registry);
    const tk = this.tk;
    const actor = (res: Response) => (res.locals.caller as Caller).name;
    const app = express();
    app.use(express.json({ limit: '256kb' }));
    app.use((req, _res, next) => {
      req.body ??= {};
      next();
    });
    app.use(healthRouter({ stateStore: () => tk.platform.stateStore().ready(), kafka: kafkaCheck(tk.platform) }));
    app.use(metricsRouter());
    const api = express.Router();
    api.use(authenticate(this.config.tokens));
    api.post('/rewind', handle(async (req, res) => {
      if (req.body.execute && !requireOperator(res)) return;
      res.json(await rewindCommand(tk, { ...req.body, actor: actor(res) }));
    }));
    api.post('/replays', handle(async (req, res) => {
      const body = req.body as Omit<ReplayRequest, 'actor'>;
      if (!body.execute) return void res.json(await replayCommand(tk, { ...body, consumers: list(body.consumers) ?? [], actor: actor(res) }));
      if (!requireOperator(res)) return;
      const runId = body.runId ?? `replay-${randomUUID().slice(0, 12)}`;
      if (this.running.has(runId)) return sendProblem(res, 409, 'RUN_CONFLICT', `replay run ${runId} is already running here`);
      const abort = new AbortController();
      const done = replayCommand(tk, { ...body, consumers: list(body.consumers) ?? [], runId, actor: actor(res) }, { signal: abort.signal })
        .catch((err: unknown) => this.logger.error({ runId, err: (err as Error).message }, 'replay run failed'))
        .finally(() => this.running.delete(runId));
      this.running.set(runId, { abort, done });
      res.status(202).json({ runId, status: 'running', poll: `/admin/v1/replays/${runId}` });
    }));
    api.get('/replays', handle(async (_req, res) => void res.json(await tk.runs.list())));
    api.get('/replays/:runId', handle(async (req, res) => {
      const run = await tk.runs.get(String(req.params.runId));
      if (!run) return sendProblem(res, 404, 'UNKNOWN_RUN', `no replay run ${req.params.runId}`);
      res.json(run);
    }));
    api.post('/replays/:runId/:action', handle(async (req, res) => {
      const action = String(req.params.action);
      if (!['pause', 'resume', 'cancel'].includes(action)) return sendProblem(res, 404, 'NOT_FOUND', `no action ${action}: use pause, resume or cancel`);
      if (!requireOperator(res)) return;
      if (!(await controlRun(tk, String(req.params.runId), action as 'pause'))) throw new ReplayRequestError('RUN_NOT_ACTIVE', `no running or paused replay run ${req.params.runId}`);
      res.status(202).json({ runId: req.params.runId, requested: action });
    }));
    api.get('/dead-letters', handle(async (req, res) => {
      const q = req.query as Record<string, string | undefined>;
      const out = await deadLetterList(tk, { ids: list(q.id), errorCodes: list(q.errorCode), consumer: q.consumer, from: q.from, to: q.to });
      res.json({ topic: out.topic, groups: out.groups, entries: out.entries.map(entryJson) });
    }));
    api.post('/dead-letters/redrive', handle(async (req, res) => {
      if (req.body.execute && !requireOperator(res)) return;
      const out = await redriveCommand(tk, { ...req.body, target: req.body.target ?? 'topic', actor: actor(res) });
      res.json({ executed: out.executed, selected: out.selected.map((e) => ({ id: e.id, key: e.key, consumer: e.consumer, errorCode: e.errorCode, valid: e.validation.ok })), report: out.report });
    }));
    api.get('/audit', handle(async (req, res) => void res.json(await auditList(tk, req.query.action as string | undefined))));
    app.use('/admin/v1', api);
    if (this.config.console) {
      this.console = new OperationsConsole(tk, this.config.console, this.config.tokens, this.logger.child({ component: 'console' }));
      app.use('/console', this.console.router());
      this.console.start();
    }
    await new Promise<void>((resolve) => {
      this.server = app.listen(this.config.port, this.config.host, () => resolve());
    });
    this.logger.info({ url: this.url }, 'admin API listening');
  }

  /** Base URL (after start). */
  get url(): string {
    return `http://${this.config.host}:${(this.server?.address() as AddressInfo).port}`;
  }

  /** Stops accepting requests, interrupts running replays (they stay resumable) and closes connections. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    for (const r of this.running.values()) r.abort.abort(new Error('admin API stopping'));
    await Promise.all([...this.running.values()].map((r) => r.done));
    await this.console?.stop();
    await this.tk?.close();
  }
}
