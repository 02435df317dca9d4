import { jsonRouter } from '../platform/ingest/body-router.ts';
import type { AdapterDefinition } from '../platform/ingest/webhook-adapter.ts';
import { wmsMappings } from './mappings/index.ts';

/** The WMS adapter: JSON webhooks at POST /webhooks/wms/v1, routed by `eventType`. */
export const wmsAdapter: AdapterDefinition = {
  name: 'wms-adapter',
  sourceKind: 'WMS',
  envPrefix: 'WMS',
  defaultPort: 18100,
  endpoints: { '/webhooks/wms/v1': jsonRouter(wmsMappings) },
};
