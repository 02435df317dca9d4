import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { carrierAdapter } from '../../services/carrier-adapter/carrier-adapter.ts';
import type { WebhookAdapter } from '../../services/platform/ingest/webhook-adapter.ts';
import { startAdapter } from '../support/adapters.ts';
import { readTopic } from '../support/kafka-inspect.ts';
import { fixtureText } from '../support/mapping-harness.ts';
import { provision, recordCount, testPlatformConfig } from '../support/test-env.ts';
import { postSigned } from '../support/webhook-client.ts';

describe('carrier adapter against the real stack: EDI and tracking webhooks', () => {
  const platform = testPlatformConfig(undefined, 'carrier-adapter-test');
  let adapter: WebhookAdapter;
  let topic: string;
  const edi = (raw: string, type = 'application/edi-x12') => postSigned(`${adapter.url}/webhooks/carrier/v1/edi`, raw, type);
  const tracking = (raw: string) => postSigned(`${adapter.url}/webhooks/carrier/v1/tracking`, raw, 'application/json');

  before(async () => {
    topic = (await provision(platform)).lifecycle.name;
    // A source system of its own: the delivery ledger is shared and durable across runs.
    adapter = await startAdapter(platform, { sourceSystem: `carrier-test-${randomUUID().slice(0, 8)}` }, carrierAdapter);
  });
  after(() => adapter.stop());

  const refused: Array<{ name: string; status: number; code: string; detail: RegExp; send: () => Promise<{ status: number; json: any }> }> = [
    { name: 'an SE with the wrong segment count', status: 400, code: 'MALFORMED_EDI', detail: /SE01 says "23" segments/, send: () => edi(fixtureText('ltl-carrier-x12/214-multi-status.edi').replace('SE*24*', 'SE*23*')) },
    { name: 'a truncated interchange', status: 400, code: 'MALFORMED_EDI', detail: /truncated/, send: () => edi(fixtureText('ltl-carrier-x12/214-multi-status.edi').slice(0, 300), 'text/plain') },
    { name: 'an unknown AT7 status code', status: 422, code: 'UNKNOWN_CODE', detail: /"ZZ"/, send: () => edi(fixtureText('ltl-carrier-x12/214-multi-status.edi').replace('AT7*X6*', 'AT7*ZZ*')) },
    // Found by the bad-input battery: 20 digits overflowed the Avro int and answered 500.
    { name: 'a 20-digit AT8-04 piece count', status: 422, code: 'VALIDATION_FAILED', detail: /AT8-04/, send: () => edi(fixtureText('ltl-carrier-x12/214-multi-status.edi').replace('AT8*G*L*1250*10~', 'AT8*G*L*1250*99999999999999999999~')) },
    { name: 'a 20-digit TD1-02 package count', status: 422, code: 'VALIDATION_FAILED', detail: /TD1-02/, send: () => edi(fixtureText('supplier-x12/856-asn.edi').replace('TD1*CTN25*14*', 'TD1*CTN25*99999999999999999999*')) },
    { name: 'an unknown transaction set', status: 422, code: 'UNKNOWN_EVENT_TYPE', detail: /"210"/, send: () => edi(fixtureText('ltl-carrier-x12/214-attempted-delivery.edi').replace('ST*214*', 'ST*210*')) },
    { name: 'EDI posted as JSON', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: /application\/json/, send: () => edi(fixtureText('supplier-x12/856-asn.edi'), 'application/json') },
    { name: 'an unknown parcel status code', status: 422, code: 'UNKNOWN_CODE', detail: /"QQ"/, send: () => tracking(fixtureText('parcel-carrier/tracking-departed.json').replace('"DP"', '"QQ"')) },
  ];
  for (const c of refused) {
    it(`answers ${c.status} ${c.code} to ${c.name}`, async () => {
      const res = await c.send();
      assert.equal(res.status, c.status, JSON.stringify(res.json));
      assert.equal(res.json.code, c.code);
      assert.match(res.json.detail, c.detail);
    });
  }

  it('let none of the refused deliveries reach Kafka', async () => {
    assert.equal(await recordCount(platform, topic), 0);
  });

  it('stores a multi-status 214 as five events keyed by the shipment, once', async () => {
    const raw = fixtureText('ltl-carrier-x12/214-multi-status.edi');
    const first = await edi(raw);
    assert.equal(first.status, 202, JSON.stringify(first.json));
    assert.deepEqual(first.json.events.map((e: { eventType: string }) => e.eventType), ['InTransit', 'InTransit', 'InTransit', 'InTransit', 'EtaUpdated']);
    const again = await edi(raw);
    assert.equal(again.status, 200, JSON.stringify(again.json));
    const records = await readTopic(platform.kafka.brokers, topic, 5);
    assert.equal(records.length, 5);
    assert.deepEqual([...new Set(records.map((r) => r.key))], ['SHP-2026-000123']);
  });

  it('stores an 856 and a parcel scan', async () => {
    assert.equal((await edi(fixtureText('supplier-x12/856-asn.edi'), 'text/plain')).status, 202);
    const scan = await tracking(fixtureText('parcel-carrier/tracking-delivered.json'));
    assert.equal(scan.status, 202, JSON.stringify(scan.json));
    assert.equal(scan.json.events[0].eventType, 'ProofOfDeliveryReceived');
    assert.equal(await recordCount(platform, topic), 7);
  });
});
