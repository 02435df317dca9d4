import { jsonRouter } from '../platform/ingest/body-router.ts';
import type { AdapterDefinition } from '../platform/ingest/webhook-adapter.ts';
import { x12Router } from '../platform/ingest/x12/x12-router.ts';
import { parcelTrackingMappings, x12Mappings } from './mappings/index.ts';

/**
 * The carrier adapter: a parcel carrier's JSON tracking webhook at
 * POST /webhooks/carrier/v1/tracking (routed by `eventType`), and X12 EDI at
 * POST /webhooks/carrier/v1/edi (214 shipment status, 856 ship notice; routed by ST01).
 */
export const carrierAdapter: AdapterDefinition = {
  name: 'carrier-adapter',
  sourceKind: 'CARRIER',
  envPrefix: 'CARRIER',
  defaultPort: 18102,
  endpoints: {
    '/webhooks/carrier/v1/tracking': jsonRouter(parcelTrackingMappings),
    '/webhooks/carrier/v1/edi': x12Router(x12Mappings),
  },
};
