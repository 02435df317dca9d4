import type { AdapterDefinition } from '../services/platform/ingest/webhook-adapter.ts';
import { wmsAdapter } from '../services/wms-adapter/wms-adapter.ts';

/** Every producer adapter, by source kind (used by the regeneration command). */
export const adapterDefinitions: Record<string, AdapterDefinition> = {
  WMS: wmsAdapter,
};
