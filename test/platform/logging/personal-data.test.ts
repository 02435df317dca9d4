import assert from 'node:assert/strict';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createLogger } from '../../../services/platform/logging/logger.ts';
import { masked, maskPersonalData } from '../../../services/platform/logging/personal-data.ts';
import { waitFor } from '../../support/test-env.ts';

const fixture = (p: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/vendors', p), 'utf8'));

function assertMaskedWherePresent(obj: Record<string, unknown>, keys: string[]): void {
  for (const k of keys) if (k in obj) assert.equal(obj[k], masked, k);
}

describe('maskPersonalData', () => {
  it('masks names, addresses, e-mail addresses and phone numbers of WMS payloads, and nothing else', () => {
    const body = fixture('wms/order-released.json');
    const out = maskPersonalData(body);
    assert.deepEqual(out.shipTo, {
      ...body.shipTo,
      name: masked,
      company: masked,
      addressLine1: masked,
      addressLine2: masked,
      phone: masked,
      email: masked,
    });
    assert.deepEqual({ ...out, shipTo: body.shipTo }, body, 'everything else is unchanged');
    assert.equal(body.shipTo.name, 'Jane Doe', 'the logged object itself is never changed');
    const wave = maskPersonalData(fixture('wms/wave-released.json'));
    assert.equal(wave.orders[0].shipTo.name, masked);
    for (const order of wave.orders) {
      assertMaskedWherePresent(order.shipTo, ['name', 'addressLine1', 'addressLine2', 'phone', 'email']);
      assert.notEqual(order.shipTo.city, masked);
    }
  });

  it('masks contacts of a TMS load and the signatory of a proof of delivery, at any depth', () => {
    const load = maskPersonalData(fixture('tms/load-planned.json'));
    for (const s of load.shipments) {
      assertMaskedWherePresent(s.delivery.location, ['contactName', 'contactPhone', 'addressLine1']);
      assertMaskedWherePresent(s.pickup.location, ['contactName', 'contactPhone', 'addressLine1']);
      assert.notEqual(s.shipmentNumber, masked);
    }
    const pod = maskPersonalData(fixture('parcel-carrier/tracking-delivered.json'));
    assert.equal(pod.proofOfDelivery.signedBy, masked);
    assert.equal(pod.trackingNumber, '794612345678');
  });

  it('masks every personal field of a ship-to, e-mail addresses inside text, and leaves clean objects as they are', () => {
    const shipTo = { name: 'Jane Doe', company: 'Doe LLC', addressLine1: '1 Main St', addressLine2: 'Apt 2', city: 'Austin', email: 'jane@example.com', phone: '+1 512 555 0100' };
    assert.deepEqual(maskPersonalData({ shipTo }), {
      shipTo: { name: masked, company: masked, addressLine1: masked, addressLine2: masked, city: 'Austin', email: masked, phone: masked },
    });
    assert.deepEqual(maskPersonalData({ err: 'field shipTo.email: "jane@example.com" is invalid' }), { err: `field shipTo.email: "${masked}" is invalid` });
    // "name" alone is not personal (a topic, a consumer, a schema).
    const clean = { name: 'erp-consumer', topic: { name: 'logistics.shipment.lifecycle.v1' }, lines: [{ sku: 'SKU-1' }] };
    assert.equal(maskPersonalData(clean), clean);
  });

  it('is applied to every log line, nested objects included', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'leb-log-')), 'out.log');
    const fd = openSync(file, 'w');
    const logger = createLogger('mask-test', 'info', fd);
    logger.child({ shipmentId: 'SHP-1' }).info({ body: { shipTo: { name: 'Jane Doe', phone: '555-0100', city: 'Austin' } }, email: 'jane@example.com' }, 'payload');
    logger.flush();
    // The destination owns the descriptor until the process ends; closing it here could race its write.
    const text = await waitFor('the log line', () => readFileSync(file, 'utf8').trim() || undefined, 10_000);
    const line = JSON.parse(text);
    assert.deepEqual(line.body.shipTo, { name: masked, phone: masked, city: 'Austin' });
    assert.equal(line.email, masked);
    assert.equal(line.shipmentId, 'SHP-1');
    assert.equal(line.trace_id, undefined, 'no trace fields while tracing is off');
  });
});
