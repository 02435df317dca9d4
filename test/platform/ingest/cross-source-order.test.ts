import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { carrierAdapter } from '../../../services/carrier-adapter/carrier-adapter.ts';
import type { WebhookAdapter } from '../../../services/platform/ingest/webhook-adapter.ts';
import type { TopicCatalog } from '../../../services/platform/kafka/topic-catalog.ts';
import { tmsAdapter } from '../../../services/tms-adapter/tms-adapter.ts';
import { wmsAdapter } from '../../../services/wms-adapter/wms-adapter.ts';
import { startAdapter } from '../../support/adapters.ts';
import { readTopic } from '../../support/kafka-inspect.ts';
import { provision, testPlatformConfig } from '../../support/test-env.ts';
import { postSigned } from '../../support/webhook-client.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'vendors');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

describe('one shipment through the WMS, TMS and carrier adapters', () => {
  const platform = testPlatformConfig(undefined, 'cross-source');
  // Source systems unique to this run: the delivery ledger outlives test runs.
  const run = platform.topicPrefix.slice(2, 10);
  let catalog: TopicCatalog;
  let wms: WebhookAdapter;
  let tms: WebhookAdapter;
  let carrier: WebhookAdapter;

  before(async () => {
    catalog = await provision(platform);
    [wms, tms, carrier] = await Promise.all([
      startAdapter(platform, { sourceSystem: `wms-${run}` }, wmsAdapter),
      startAdapter(platform, { sourceSystem: `tms-${run}` }, tmsAdapter),
      startAdapter(platform, { sourceSystem: `carrier-${run}` }, carrierAdapter),
    ]);
  });
  after(() => Promise.all([wms?.stop(), tms?.stop(), carrier?.stop()]));

  it('lands on one partition, in the order the systems reported it', async () => {
    const sent: Array<[WebhookAdapter, string, string, string]> = [
      [wms, '/webhooks/wms/v1', 'wms/inventory-allocated.json', 'application/json'],
      [tms, '/webhooks/tms/v1', 'tms/load-planned.json', 'application/json'],
      [wms, '/webhooks/wms/v1', 'wms/pick-confirmed.json', 'application/json'],
      [wms, '/webhooks/wms/v1', 'wms/carton-closed.json', 'application/json'],
      [tms, '/webhooks/tms/v1', 'tms/shipment-dispatched.json', 'application/json'],
      [carrier, '/webhooks/carrier/v1/edi', 'ltl-carrier-x12/214-multi-status.edi', 'application/edi-x12'],
    ];
    // Which delivery (by sending order) each stored event came from.
    const deliveryOf = new Map<string, number>();
    for (const [i, [adapter, endpoint, file, type]] of sent.entries()) {
      const res = await postSigned(`${adapter.url}${endpoint}`, fixture(file), type);
      assert.equal(res.status, 202, `${file}: ${JSON.stringify(res.json)}`);
      for (const e of res.json.events as Array<{ eventId: string }>) deliveryOf.set(e.eventId, i);
    }
    const records = (await readTopic(platform.kafka.brokers, catalog.lifecycle.name, deliveryOf.size)).filter((r) => r.key === 'SHP-2026-000123');
    assert.equal(new Set(records.map((r) => r.partition)).size, 1, 'one partition for the shipment');
    const byOffset = [...records].sort((a, b) => Number(a.offset) - Number(b.offset));
    const order = byOffset.map((r) => deliveryOf.get(r.headers['event-id']!)!);
    assert.deepEqual(order, [...order].sort((a, b) => a - b), 'stored in the order the deliveries were sent');
    assert.deepEqual([...new Set(order)], sent.map((_, i) => i), 'every delivery (WMS, TMS and carrier) contributed events of this shipment');
  });
});
