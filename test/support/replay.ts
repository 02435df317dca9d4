/**
 * Replay test helpers: a stand-in ERP that can be taken down (503) and honours
 * Idempotency-Key, and the replay toolkit bound to a test platform and that ERP.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ErpConsumerConfig } from '../../services/erp-consumer/erp-consumer.ts';
import type { PlatformConfig } from '../../services/platform/config/load-config.ts';
import { ReplayToolkit } from '../../services/platform/replay/replay-toolkit.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { consumerDefinitions } from '../../scripts/consumer-definitions.ts';
import { testLogger } from './test-env.ts';

/** One call the stand-in ERP received. */
export interface ErpCall {
  key: string;
  path: string;
  shipmentId: string | null;
  /** Answered 2xx (the ERP was up). */
  ok: boolean;
  /** A 2xx for a key it had already posted (the ERP's own de-duplication). */
  replayed: boolean;
}

/** A stand-in ERP on loopback whose `down` flag makes it answer 503. */
export async function outageErp() {
  const calls: ErpCall[] = [];
  const posted = new Set<string>();
  const state = { down: false };
  const app = express().use(express.json());
  app.post('/api/v1/:resource', (req, res) => {
    const key = String(req.header('idempotency-key'));
    const body = req.body as { shipmentId?: string | null };
    const ok = !state.down;
    const replayed = ok && posted.has(key);
    calls.push({ key, path: req.path, shipmentId: body.shipmentId ?? null, ok, replayed });
    if (!ok) return void res.status(503).json({ error: 'ERP down for maintenance' });
    posted.add(key);
    res.status(replayed ? 200 : 201).json({ postingId: `P-${key.slice(0, 8)}` });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    state,
    /** Successful first postings of an event id (what the ERP's books show). */
    postingsOf: (key: string) => calls.filter((c) => c.key === key && c.ok && !c.replayed).length,
    /** Event ids posted successfully for a shipment, in posting order. */
    postedFor: (shipmentId: string) => calls.filter((c) => c.shipmentId === shipmentId && c.ok && !c.replayed).map((c) => c.key),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** ERP consumer settings for replay tests: a fast ERP, small retries. */
export function erpReplayConfig(platform: PlatformConfig, erpBaseUrl: string): ErpConsumerConfig {
  return { groupId: 'erp-consumer', erpBaseUrl, erpTimeoutMs: 5000, host: '127.0.0.1', healthPort: -1, maxConcurrency: 2, ratePerSecond: 500, retryDelayMs: 100, retryAttempts: 1, platform };
}

/** The replay toolkit on a test platform, with the ERP consumer pointed at `erpBaseUrl`. */
export async function openToolkit(cfg: PlatformConfig, erpBaseUrl: string): Promise<ReplayToolkit> {
  return ReplayToolkit.open(Platform.fromConfig(cfg, testLogger), consumerDefinitions, { consumerConfigs: { 'erp-consumer': erpReplayConfig(cfg, erpBaseUrl) } });
}
