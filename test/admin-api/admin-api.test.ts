import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminApiConfigFromEnv } from '../../services/admin-api/admin-api-config.ts';
import { AdminApi } from '../../services/admin-api/admin-api.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { consumerDefinitions } from '../../scripts/consumer-definitions.ts';
import { newShipment, typed } from '../support/consumer-fixtures.ts';
import { pickCompletedEvent } from '../support/fixtures.ts';
import { outageErp } from '../support/replay.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';

const viewer = 'viewer-token-0123456789abcdef';
const operator = 'operator-token-0123456789abcdef';

describe('admin API', () => {
  const cfg = testPlatformConfig(undefined, 'admin-api');
  let erp: Awaited<ReturnType<typeof outageErp>>;
  let api: AdminApi;
  const events = Array.from({ length: 3 }, () => typed('PickCompleted', pickCompletedEvent(newShipment().shipmentId)));
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${api.url}/admin/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  before(async () => {
    await provision(cfg);
    erp = await outageErp();
    const platform = Platform.fromConfig(cfg, testLogger);
    await (await platform.eventProducer()).publish(events);
    await platform.close();
    // The ERP consumer's handlers read their config from the environment, as in production.
    process.env.ERP_BASE_URL = erp.url;
    api = new AdminApi({ host: '127.0.0.1', port: 0, tokens: [{ name: 'vera', role: 'viewer', token: viewer }, { name: 'otto', role: 'operator', token: operator }], platform: cfg }, consumerDefinitions, testLogger);
    await api.start();
  });
  after(async () => {
    delete process.env.ERP_BASE_URL;
    await api?.stop();
    await erp?.close();
  });

  it('refuses requests without a valid bearer token', async () => {
    assert.equal((await call('GET', '/audit')).status, 401);
    assert.equal((await call('GET', '/audit', 'wrong-token-0123456789abcdef')).status, 401);
  });

  it('lets a viewer preview but not execute', async () => {
    const preview = await call('POST', '/replays', viewer, { consumers: ['erp-consumer'] });
    assert.equal(preview.status, 200);
    assert.equal((preview.json.counts as { consumers: Record<string, { calls: number }> }).consumers['erp-consumer']!.calls, 3);
    const refused = await call('POST', '/replays', viewer, { consumers: ['erp-consumer'], execute: true });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.code, 'FORBIDDEN');
    assert.equal(erp.calls.length, 0);
  });

  it('lets an operator execute a replay in the background, recorded under the token\'s name', async () => {
    const started = await call('POST', '/replays', operator, { consumers: ['erp-consumer'], execute: true, runId: `api-${Date.now()}` });
    assert.equal(started.status, 202);
    const runId = started.json.runId as string;
    await waitFor('run completed', async () => (await call('GET', `/replays/${runId}`, viewer)).json.status === 'completed', 30_000);
    assert.equal(erp.calls.length, 3);
    const audit = await call('GET', '/audit?action=replay', viewer);
    const entries = audit.json as unknown as Array<{ actor: string; what: { runId: string } }>;
    assert.equal(entries.find((e) => e.what.runId === runId)?.actor, 'otto');
  });

  it('answers problems with codes (unknown topic: 400) and lists dead letters', async () => {
    const r = await call('POST', '/rewind', operator, { group: 'no-such-group-api', topic: 'x', toEarliest: true });
    assert.equal(r.status, 400);
    assert.equal(r.json.code, 'UNKNOWN_TOPIC');
    const d = await call('GET', '/dead-letters', viewer);
    assert.equal(d.status, 200);
    assert.deepEqual(d.json.groups, []);
  });

  it('reads its tokens from ADMIN_API_TOKENS and names the variable when one is wrong', () => {
    const ok = adminApiConfigFromEnv({ ADMIN_API_TOKENS: `ann:operator:${operator}` });
    assert.deepEqual(ok.tokens, [{ name: 'ann', role: 'operator', token: operator }]);
    assert.throws(() => adminApiConfigFromEnv({ ADMIN_API_TOKENS: 'ann:admin:short' }), /tokens\.0\.role \(ADMIN_API_TOKENS\)/);
    assert.throws(() => adminApiConfigFromEnv({}), /tokens \(ADMIN_API_TOKENS\): at least one token/);
  });
});
