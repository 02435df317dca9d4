import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { Notification } from '../../services/notification-service/notification.ts';
import { generateWebhookSecret } from '../../services/notification-service/preferences-cli.ts';
import { WebhookChannel } from '../../services/notification-service/webhook-channel.ts';
import { DownstreamError } from '../../services/platform/errors/backbone-error.ts';
import { WebhookSignatureVerifier } from '../../services/platform/http/webhook-signature.ts';
import { testLogger } from '../support/test-env.ts';

const n: Notification = {
  eventId: 'e-1',
  eventType: 'InTransit',
  occurredAt: new Date('2026-11-22T09:15:00Z'),
  correlationId: 'c',
  shipmentId: 'SHP-1',
  orderId: 'SO-1',
  carrierCode: 'ACME',
  trackingNumber: null,
  details: { kind: 'out_for_delivery', location: null },
};

describe('webhook channel: signing, backoff, what is final', () => {
  const secret = generateWebhookSecret();
  const answers: number[] = [];
  const seen: Array<{ at: number; timestamp: string; valid: boolean }> = [];
  let url = '';
  let server: ReturnType<ReturnType<typeof express>['listen']>;

  before(async () => {
    const verifier = new WebhookSignatureVerifier(secret);
    const app = express();
    app.post('/hook', express.raw({ type: '*/*' }), (req, res) => {
      let valid = true;
      try {
        verifier.verify(req.body as Buffer, req.headers);
      } catch {
        valid = false;
      }
      seen.push({ at: Date.now(), timestamp: String(req.header('webhook-timestamp')), valid });
      const status = answers.shift() ?? 200;
      if (status === 302) return void res.redirect(302, '/elsewhere');
      res.status(status).end();
    });
    app.post('/elsewhere', (_req, res) => void res.status(200).end());
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  after(() => void server.close());

  const channel = (maxAttempts: number) => new WebhookChannel({ timeoutMs: 2000, retry: { maxAttempts, minDelayMs: 100, maxDelayMs: 1000 } });

  it('retries 503 and 429 with growing delays, every attempt validly signed', async () => {
    seen.length = 0;
    answers.push(503, 429, 503);
    const sent = await channel(5).send(n, 'C-1', { url, secret }, new AbortController().signal, testLogger);
    assert.deepEqual(sent, { webhookId: 'msg_e-1', status: 200, attempts: 4 });
    assert.ok(seen.every((s) => s.valid));
    const gaps = seen.slice(1).map((s, i) => s.at - seen[i]!.at);
    // Exponential with jitter (p-retry): wait i is 100·2^i ms times a random factor in [1, 2).
    gaps.forEach((gap, i) => assert.ok(gap >= 100 * 2 ** i - 5 && gap <= 200 * 2 ** i + 150, `wait ${i + 1} was ${gap} ms (all: ${gaps.join(', ')})`));
  });

  it('gives up after the last attempt with a retriable error, so the consumer may retry later', async () => {
    answers.push(500, 500);
    await assert.rejects(channel(2).send(n, 'C-1', { url, secret }, new AbortController().signal, testLogger), (err: unknown) => err instanceof DownstreamError && err.retriable && err.details.status === 500);
  });

  it('does not retry a 4xx, nor follow a redirect with a signed body', async () => {
    seen.length = 0;
    answers.push(410);
    await assert.rejects(channel(5).send(n, 'C-1', { url, secret }, new AbortController().signal, testLogger), (err: unknown) => err instanceof DownstreamError && !err.retriable);
    assert.equal(seen.length, 1);
    answers.push(302);
    await assert.rejects(channel(5).send(n, 'C-1', { url, secret }, new AbortController().signal, testLogger), (err: unknown) => err instanceof DownstreamError && err.details.status === 302);
    assert.equal(seen.length, 2, 'the redirect target got nothing');
  });

  it('signs with the endpoint\'s own secret: another secret\'s receiver refuses it', async () => {
    seen.length = 0;
    await channel(1).send(n, 'C-1', { url, secret: generateWebhookSecret() }, new AbortController().signal, testLogger);
    assert.deepEqual(seen.map((s) => s.valid), [false]);
  });
});
