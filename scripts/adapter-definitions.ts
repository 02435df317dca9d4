import { carrierAdapter } from '../services/carrier-adapter/carrier-adapter.ts';
import type { AdapterDefinition } from '../services/platform/ingest/webhook-adapter.ts';
import { tmsAdapter } from '../services/tms-adapter/tms-adapter.ts';
import { wmsAdapter } from '../services/wms-adapter/wms-adapter.ts';

/** Every producer adapter, by source kind (used by the regeneration command and npm start). */
export const adapterDefinitions: Record<string, AdapterDefinition> = {
  WMS: wmsAdapter,
  TMS: tmsAdapter,
  CARRIER: carrierAdapter,
};
