import { jsonRouter } from '../platform/ingest/body-router.ts';
import type { AdapterDefinition } from '../platform/ingest/webhook-adapter.ts';
import { tmsMappings } from './mappings/index.ts';

/** The TMS adapter: JSON webhooks at POST /webhooks/tms/v1, routed by `eventType`. */
export const tmsAdapter: AdapterDefinition = {
  name: 'tms-adapter',
  sourceKind: 'TMS',
  envPrefix: 'TMS',
  defaultPort: 18101,
  endpoints: { '/webhooks/tms/v1': jsonRouter(tmsMappings) },
};
