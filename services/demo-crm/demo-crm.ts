import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { healthRouter } from '../platform/http/health-router.ts';
import { metricsRouter } from '../platform/telemetry/metrics-router.ts';

/** One request the fake CRM received. */
export interface CrmRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  correlationId: string | undefined;
  body: Record<string, unknown>;
  /** True when the request changed something (not a replay, not an injected failure). */
  effective?: boolean;
}

/** A case as the fake CRM keeps it. */
export interface DemoCase {
  caseId: string;
  externalKey: string;
  status: 'OPEN' | 'CLOSED';
  updates: unknown[];
}

/**
 * A stand-in CRM with the case API the CRM consumer speaks: upsert by external key, close,
 * Idempotency-Key replay (same answer, `idempotent-replayed: true`, nothing changed). Records
 * every request; `failNext(n, status)` makes the next n calls fail.
 */
export class DemoCrm {
  readonly requests: CrmRequest[] = [];
  readonly cases = new Map<string, DemoCase>();
  private readonly replies = new Map<string, { status: number; body: unknown }>();
  private failures: number[] = [];
  private server?: Server;
  url = '';

  /** The next `n` requests answer `status` (e.g. 503) before anything is done. */
  failNext(n: number, status: number): void {
    this.failures.push(...Array.from({ length: n }, () => status));
  }

  /** Requests that changed something (not idempotent replays, not injected failures). */
  effective(): CrmRequest[] {
    return this.requests.filter((r) => r.effective);
  }

  /** `port` 0 picks a free one (tests); the demo uses DEMO_CRM_PORT. */
  async start(port = 0, host = '127.0.0.1'): Promise<void> {
    const app = express().use(express.json());
    // Before the request log below: probes are not CRM calls, and injected failures must not hit them.
    app.use(healthRouter({}), metricsRouter());
    app.use((req, res, next) => {
      const r: CrmRequest = {
        method: req.method,
        path: req.path,
        idempotencyKey: req.header('idempotency-key'),
        correlationId: req.header('x-correlation-id'),
        body: req.body as Record<string, unknown>,
      };
      this.requests.push(r);
      const fail = this.failures.shift();
      if (fail !== undefined) return void res.status(fail).json({ error: 'injected failure' });
      const replay = r.idempotencyKey ? this.replies.get(r.idempotencyKey) : undefined;
      if (replay) return void res.status(replay.status).set('idempotent-replayed', 'true').json(replay.body);
      const send = res.json.bind(res);
      res.json = (body: unknown) => {
        r.effective = true;
        if (r.idempotencyKey && res.statusCode < 500) this.replies.set(r.idempotencyKey, { status: res.statusCode, body });
        return send(body);
      };
      next();
    });
    app.post('/api/v1/cases', (req, res) => {
      const body = req.body as { externalKey: string; update: unknown };
      const open = [...this.cases.values()].find((c) => c.externalKey === body.externalKey && c.status === 'OPEN');
      if (open) {
        open.updates.push(body.update);
        return void res.status(200).json({ caseId: open.caseId, status: 'OPEN' });
      }
      const c: DemoCase = { caseId: `CASE-${this.cases.size + 1}`, externalKey: body.externalKey, status: 'OPEN', updates: [body.update] };
      this.cases.set(c.caseId, c);
      res.status(201).json({ caseId: c.caseId, status: 'OPEN' });
    });
    app.post('/api/v1/cases/:caseId/close', (req, res) => {
      const c = this.cases.get(req.params.caseId);
      if (!c) return void res.status(404).json({ error: 'no such case' });
      if (c.status === 'CLOSED') return void res.status(409).json({ error: 'already closed' });
      c.status = 'CLOSED';
      res.status(200).json({ caseId: c.caseId, status: 'CLOSED' });
    });
    this.server = app.listen(port, host);
    await new Promise((r) => this.server!.once('listening', r));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server?.close(r));
  }
}
