import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { healthRouter } from '../platform/http/health-router.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { metricsRouter } from '../platform/telemetry/metrics-router.ts';

/** One HTTP request the stand-in ERP received, duplicates included. */
export interface ErpRequest {
  path: string;
  idempotencyKey: string | undefined;
  correlationId: string | undefined;
  body: Record<string, unknown>;
  receivedAt: Date;
}

/**
 * A stand-in for the ERP's HTTP API, for the local demo and the tests: it honours
 * `Idempotency-Key` like a real ERP API (a repeated key returns the first posting and
 * `Idempotent-Replayed: true`) and records every request it received, so tests can tell
 * "posted exactly once" from "deduplicated by the ERP".
 */
export class DemoErp {
  /** Every request in arrival order, duplicates included. */
  readonly requests: ErpRequest[] = [];
  /** Postings by idempotency key. */
  readonly postings = new Map<string, { postingId: string; path: string; body: Record<string, unknown> }>();
  private server?: Server;

  constructor(
    private readonly opts: { host: string; port: number; logger?: Logger; /** Simulated processing time per call: real ERPs are slow. */ delayMs?: number },
  ) {}

  get url(): string {
    const addr = this.server?.address() as AddressInfo | undefined;
    if (!addr) throw new Error('demo ERP not started');
    return `http://${this.opts.host}:${addr.port}`;
  }

  /** Requests that carried a given idempotency key. */
  requestsFor(idempotencyKey: string): ErpRequest[] {
    return this.requests.filter((r) => r.idempotencyKey === idempotencyKey);
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    // A stand-in has no dependencies: ready as soon as it listens.
    app.use(healthRouter({}), metricsRouter());
    app.get('/api/v1/postings', (_req, res) => {
      res.json([...this.postings].map(([key, p]) => ({ idempotencyKey: key, ...p })));
    });
    app.post('/api/v1/:resource', async (req, res) => {
      if (this.opts.delayMs) await new Promise((r) => setTimeout(r, this.opts.delayMs));
      const key = req.header('idempotency-key');
      const request: ErpRequest = {
        path: req.path,
        idempotencyKey: key,
        correlationId: req.header('x-correlation-id'),
        body: req.body as Record<string, unknown>,
        receivedAt: new Date(),
      };
      this.requests.push(request);
      if (!key) {
        res.status(400).json({ error: 'Idempotency-Key header is required' });
        return;
      }
      const existing = this.postings.get(key);
      if (existing) {
        res.setHeader('Idempotent-Replayed', 'true');
        res.status(200).json({ postingId: existing.postingId });
        return;
      }
      const postingId = `ERP-${randomUUID().slice(0, 8)}`;
      this.postings.set(key, { postingId, path: req.path, body: request.body });
      this.opts.logger?.info({ path: req.path, postingId, eventId: key, correlationId: request.correlationId }, 'ERP posting created');
      res.status(201).json({ postingId });
    });
    await new Promise<void>((resolve, reject) => {
      this.server = app.listen(this.opts.port, this.opts.host, () => resolve());
      this.server.once('error', reject);
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  }
}
