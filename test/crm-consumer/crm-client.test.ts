import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { CrmClient, type CaseClose, type CaseUpsert } from '../../services/crm-consumer/crm-client.ts';
import { DownstreamError } from '../../services/platform/errors/backbone-error.ts';

const upsert: CaseUpsert = {
  externalKey: 'SHP-1:LOST',
  type: 'DELIVERY_EXCEPTION',
  subject: 'Delivery exception LOST for shipment SHP-1',
  priority: 'HIGH',
  shipmentId: 'SHP-1',
  orderId: null,
  carrierCode: null,
  trackingNumber: null,
  update: {},
};
const close: CaseClose = { resolution: 'DELIVERED', closedAt: '2026-03-03T10:00:00.000Z', eventId: 'e', podReference: null, signatureCaptured: false, exceptionsNoted: false };

describe('CRM client: answers and error classes', () => {
  let url = '';
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let next: { status: number; body: string; headers?: Record<string, string> } = { status: 200, body: '{}' };

  before(async () => {
    const app = express();
    app.post(/.*/, (_req, res) => void res.status(next.status).set(next.headers ?? {}).type('application/json').send(next.body));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => void server.close());

  it('reads a new case (201), an update (200) and an idempotent replay', async () => {
    const client = new CrmClient(url, 2000);
    next = { status: 201, body: '{"caseId":"C-1","status":"OPEN"}' };
    assert.deepEqual(await client.upsertCase(upsert, 'k', 'c'), { caseId: 'C-1', created: true, replayed: false });
    next = { status: 200, body: '{"caseId":"C-1","status":"OPEN"}', headers: { 'idempotent-replayed': 'true' } };
    assert.deepEqual(await client.upsertCase(upsert, 'k', 'c'), { caseId: 'C-1', created: false, replayed: true });
  });

  it('reports closes of unknown and already closed cases instead of failing', async () => {
    const client = new CrmClient(url, 2000);
    for (const [status, outcome] of [[200, 'closed'], [404, 'not-found'], [409, 'already-closed']] as const) {
      next = { status, body: '{}' };
      assert.equal(await client.closeCase('C-1', close, 'k', 'c'), outcome);
    }
  });

  it('classifies 5xx, 429 and unreachable as retriable, other 4xx as final', async () => {
    const client = new CrmClient(url, 2000);
    for (const [status, retriable] of [[500, true], [503, true], [429, true], [400, false], [422, false]] as const) {
      next = { status, body: '{"error":"x"}', headers: status === 429 ? { 'retry-after': '3' } : {} };
      await assert.rejects(client.upsertCase(upsert, 'k', 'c'), (err: unknown) => {
        assert.ok(err instanceof DownstreamError);
        assert.equal(err.retriable, retriable, String(status));
        if (status === 429) assert.equal(err.details.retryAfterMs, 3000);
        return true;
      });
    }
    next = { status: 200, body: '{"status":"OPEN"}' };
    await assert.rejects(client.upsertCase(upsert, 'k', 'c'), /without a caseId/);
    await assert.rejects(new CrmClient('http://127.0.0.1:1', 2000).upsertCase(upsert, 'k', 'c'), (err: unknown) => err instanceof DownstreamError && err.retriable);
  });
});
