/**
 * A shipment's story for the console's browser test: a stand-in ERP that can refuse pick
 * confirmations (422, a final error the ERP consumer dead-letters), and the WMS webhooks of
 * one order and shipment from release to dock departure, dated in the past so the ops
 * monitor's SLA sweep finds a missed deadline.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

/** A stand-in ERP recording postings by Idempotency-Key; `rejectPicks` makes pick confirmations fail with 422. */
export async function pickRejectingErp() {
  const posted = new Map<string, string>();
  const state = { rejectPicks: true };
  const app = express().use(express.json());
  app.post('/api/v1/:resource', (req, res) => {
    const key = String(req.header('idempotency-key'));
    if (state.rejectPicks && req.params.resource === 'pick-confirmations') return void res.status(422).json({ error: 'pick list unknown to the ERP' });
    posted.set(key, req.path);
    res.status(201).json({ postingId: `P-${key.slice(0, 8)}` });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    /** Paths posted per event id (what the ERP's books show). */
    posted,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'vendors', 'wms');

/** The WMS bodies of one shipment's story (order release, pick, carton close, dock departure), with fresh ids and past times. */
export function shipmentStory(now = Date.now()) {
  const n = randomUUID().slice(0, 8).toUpperCase();
  const shipmentId = `SHP-${n}`;
  const orderId = `SO-${n}`;
  const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();
  const body = (file: string, occurredAt: string) => {
    const text = readFileSync(path.join(fixtures, file), 'utf8').replaceAll('SHP-2026-000123', shipmentId).replaceAll('SO-2026-004711', orderId);
    const b = JSON.parse(text) as Record<string, unknown>;
    return { ...b, eventId: `${b.eventId as string}-${n}`, occurredAt };
  };
  // Dispatched 80 hours ago without proof of delivery: past the 72-hour dispatch-to-delivery SLA.
  const steps = [
    { eventType: 'OrderReleased', body: body('order-released.json', hoursAgo(84)) },
    { eventType: 'PickCompleted', body: body('pick-confirmed.json', hoursAgo(82)) },
    { eventType: 'PackCompleted', body: body('carton-closed.json', hoursAgo(81)) },
    { eventType: 'ShipmentDispatched', body: body('dock-departed.json', hoursAgo(80)) },
  ];
  return { shipmentId, orderId, steps };
}
