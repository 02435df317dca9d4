/**
 * The three producer adapters, started in-process over HTTP on the real stack for the bad-input
 * battery, with the endpoints and vendor fixtures each one takes. Every fleet has its own topic
 * prefix and source systems, so what reaches Kafka is this fleet's alone.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { carrierAdapter } from '../../../services/carrier-adapter/carrier-adapter.ts';
import type { PlatformConfig } from '../../../services/platform/config/load-config.ts';
import type { AdapterDefinition, WebhookAdapter } from '../../../services/platform/ingest/webhook-adapter.ts';
import type { TopicCatalog } from '../../../services/platform/kafka/topic-catalog.ts';
import { tmsAdapter } from '../../../services/tms-adapter/tms-adapter.ts';
import { wmsAdapter } from '../../../services/wms-adapter/wms-adapter.ts';
import { startAdapter } from '../../support/adapters.ts';
import { fixtureText } from '../../support/mapping-harness.ts';
import { provision, testPlatformConfig } from '../../support/test-env.ts';

/** The adapters' production body limit (`<P>_MAX_BODY_BYTES` default), used by the battery. */
export const fleetMaxBodyBytes = 262_144;

/** One vendor endpoint under test. */
export interface FuzzEndpoint {
  /** e.g. "wms", "carrier X12 214". */
  name: string;
  format: 'json' | 'x12';
  url: string;
  contentType: string;
  /** Valid vendor bodies for this endpoint (fixture texts). */
  fixtures: string[];
  /** The source system of the adapter behind it. */
  sourceSystem: string;
}

const json = (dir: string, names: string[]) => names.map((n) => fixtureText(`${dir}/${n}.json`));

/** Started adapters, their endpoints, and the topics they write to. */
export interface AdapterFleet {
  platform: PlatformConfig;
  catalog: TopicCatalog;
  adapters: WebhookAdapter[];
  endpoints: FuzzEndpoint[];
  /** The endpoint named `name`. */
  endpoint(name: string): FuzzEndpoint;
  stop(): Promise<void>;
}

/** Provisions a fresh topic prefix and starts the WMS, TMS and carrier adapters on free ports. */
export async function startAdapterFleet(clientId: string): Promise<AdapterFleet> {
  const platform = testPlatformConfig(undefined, clientId);
  const catalog = await provision(platform);
  const run = randomUUID().slice(0, 8);
  const start = (def: AdapterDefinition) =>
    startAdapter(platform, { sourceSystem: `${def.envPrefix.toLowerCase()}-fuzz-${run}`, maxBodyBytes: fleetMaxBodyBytes }, def);
  const [wms, tms, carrier] = await Promise.all([start(wmsAdapter), start(tmsAdapter), start(carrierAdapter)]);
  const at = (a: WebhookAdapter, path: string) => `${a.url}${path}`;
  const endpoints: FuzzEndpoint[] = [
    {
      name: 'wms',
      format: 'json',
      url: at(wms, '/webhooks/wms/v1'),
      contentType: 'application/json',
      fixtures: json('wms', ['carton-closed', 'dock-departed', 'inventory-allocated', 'order-released', 'pick-confirmed', 'return-received', 'wave-released']),
      sourceSystem: wms.config.sourceSystem,
    },
    {
      name: 'tms',
      format: 'json',
      url: at(tms, '/webhooks/tms/v1'),
      contentType: 'application/json',
      fixtures: json('tms', ['carrier-assigned', 'eta-changed', 'load-planned', 'shipment-dispatched', 'tender-accepted']),
      sourceSystem: tms.config.sourceSystem,
    },
    {
      name: 'carrier tracking',
      format: 'json',
      url: at(carrier, '/webhooks/carrier/v1/tracking'),
      contentType: 'application/json',
      fixtures: json('parcel-carrier', ['tracking-arrived', 'tracking-delivered', 'tracking-departed', 'tracking-eta-changed', 'tracking-exception', 'tracking-out-for-delivery', 'tracking-picked-up']),
      sourceSystem: carrier.config.sourceSystem,
    },
    {
      name: 'carrier X12 214',
      format: 'x12',
      url: at(carrier, '/webhooks/carrier/v1/edi'),
      contentType: 'application/edi-x12',
      fixtures: ['214-attempted-delivery', '214-delivered-and-delayed', '214-multi-status'].map((n) => fixtureText(`ltl-carrier-x12/${n}.edi`)),
      sourceSystem: carrier.config.sourceSystem,
    },
    {
      name: 'carrier X12 856',
      format: 'x12',
      url: at(carrier, '/webhooks/carrier/v1/edi'),
      contentType: 'application/edi-x12',
      fixtures: [fixtureText('supplier-x12/856-asn.edi')],
      sourceSystem: carrier.config.sourceSystem,
    },
  ];
  // Counterexamples name the endpoint instead of printing its fixtures.
  for (const e of endpoints) Object.assign(e, { [fc.toStringMethod]: () => e.name });
  const adapters = [wms, tms, carrier];
  return {
    platform,
    catalog,
    adapters,
    endpoints,
    endpoint(name) {
      const e = endpoints.find((x) => x.name === name);
      if (!e) throw new Error(`no fuzz endpoint "${name}"`);
      return e;
    },
    async stop() {
      await Promise.all(adapters.map((a) => a.stop()));
    },
  };
}
