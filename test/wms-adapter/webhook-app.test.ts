import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WebhookAdapter } from '../../services/platform/ingest/webhook-adapter.ts';
import { startAdapter } from '../support/adapters.ts';
import { pickConfirmationBody } from '../support/fixtures.ts';
import { provision, recordCount, testPlatformConfig } from '../support/test-env.ts';
import { postWms, testWebhookSecret } from '../support/wms-client.ts';

describe('WMS adapter: bad input gets a clear 4xx and nothing reaches Kafka', () => {
  const platform = testPlatformConfig(undefined, 'wms-adapter-test');
  let adapter: WebhookAdapter;
  let lifecycleTopic: string;

  before(async () => {
    lifecycleTopic = (await provision(platform)).lifecycle.name;
    adapter = await startAdapter(platform, { maxBodyBytes: 16_384 });
  });
  after(() => adapter.stop());

  const cases: Array<{ name: string; status: number; code: string; detail: RegExp; send: () => ReturnType<typeof postWms> }> = [
    { name: 'malformed JSON', status: 400, code: 'MALFORMED_JSON', detail: /not valid JSON/, send: () => postWms(adapter.url, null, { raw: '{"eventId": "x", "lines": [' }) },
    { name: 'a JSON array', status: 422, code: 'VALIDATION_FAILED', detail: /must be a JSON object/, send: () => postWms(adapter.url, null, { raw: '[1,2]' }) },
    {
      name: 'an unknown event type',
      status: 422,
      code: 'UNKNOWN_EVENT_TYPE',
      detail: /"pick\.exploded".*supported: pick\.confirmed/,
      send: () => postWms(adapter.url, pickConfirmationBody({ eventType: 'pick.exploded' })),
    },
    {
      name: 'missing and mistyped fields',
      status: 422,
      code: 'VALIDATION_FAILED',
      detail: /shipmentNumber.*lines\.0\.quantityPicked/s,
      send: () => {
        const body = pickConfirmationBody();
        delete body.shipmentNumber;
        (body.lines as Array<Record<string, unknown>>)[0]!.quantityPicked = 'ten';
        return postWms(adapter.url, body);
      },
    },
    {
      // Found by the bad-input battery: the Kafka key and the Avro string carried different
      // replacement bytes, so the event's shipment id no longer matched its own key.
      name: 'a lone surrogate in the shipment number',
      status: 422,
      code: 'INVALID_UNICODE',
      detail: /not well-formed Unicode at: shipmentNumber$/,
      send: () => postWms(adapter.url, pickConfirmationBody({ shipmentNumber: 'SHP-\ud800' })),
    },
    { name: 'no signature', status: 401, code: 'SIGNATURE_INVALID', detail: /missing signature header/, send: () => postWms(adapter.url, pickConfirmationBody(), { unsigned: true }) },
    {
      name: 'a signature made with another secret',
      status: 401,
      code: 'SIGNATURE_INVALID',
      detail: /signature rejected/,
      send: () => postWms(adapter.url, pickConfirmationBody(), { secret: `whsec_${Buffer.from('someone-else-entirely').toString('base64')}` }),
    },
    {
      name: 'a stale timestamp (replayed signature)',
      status: 401,
      code: 'SIGNATURE_INVALID',
      detail: /too old/,
      send: () => postWms(adapter.url, pickConfirmationBody(), { timestamp: new Date(Date.now() - 6 * 60_000) }),
    },
    {
      name: 'a body altered after signing',
      status: 401,
      code: 'SIGNATURE_INVALID',
      detail: /signature rejected/,
      send: async () => {
        const body = pickConfirmationBody();
        const { WebhookSignatureVerifier } = await import('../../services/platform/http/webhook-signature.ts');
        const headers = new WebhookSignatureVerifier(testWebhookSecret).sign('msg_1', new Date(), JSON.stringify(body));
        return postWms(adapter.url, null, { raw: JSON.stringify({ ...body, warehouseId: 'DC-EVIL' }), unsigned: true, headers });
      },
    },
    {
      name: 'an oversized body',
      status: 413,
      code: 'BODY_TOO_LARGE',
      detail: /exceeds 16384 bytes/,
      send: () => postWms(adapter.url, pickConfirmationBody({ padding: 'x'.repeat(20_000) })),
    },
    {
      name: 'a non-JSON content type',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: /text\/plain/,
      send: () => postWms(adapter.url, pickConfirmationBody(), { headers: { 'content-type': 'text/plain' } }),
    },
  ];

  for (const c of cases) {
    it(`answers ${c.status} ${c.code} to ${c.name}`, async () => {
      const res = await c.send();
      assert.equal(res.status, c.status, JSON.stringify(res.json));
      assert.equal(res.headers.get('content-type')?.startsWith('application/problem+json'), true);
      assert.equal(res.json.code, c.code);
      assert.match(res.json.detail, c.detail);
    });
  }

  it('lists the field paths of every validation problem', async () => {
    const body = pickConfirmationBody({ occurredAt: 'yesterday', lines: [] });
    const res = await postWms(adapter.url, body);
    assert.equal(res.status, 422);
    const paths = (res.json.issues as Array<{ path: string }>).map((i) => i.path).sort();
    assert.deepEqual(paths, ['lines', 'occurredAt']);
  });

  it('let none of the refused webhooks reach Kafka', async () => {
    assert.equal(await recordCount(platform, lifecycleTopic), 0);
  });

  it('accepts a valid signed webhook only once Kafka has stored it', async () => {
    const res = await postWms(adapter.url, pickConfirmationBody());
    assert.equal(res.status, 202, JSON.stringify(res.json));
    assert.equal(res.json.events[0].topic, lifecycleTopic);
    assert.equal(await recordCount(platform, lifecycleTopic), 1);
  });
});
