import type { VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { parcelTrackingMapping } from './parcel-tracking.ts';
import { x12StatusMapping } from './x12-214-status.ts';
import { x12ShipNoticeMapping } from './x12-856-ship-notice.ts';

/**
 * The parcel carrier tracking webhook's message kinds, by the body's `eventType`. The status
 * codes inside are mapped by the table in parcel-status-codes.ts.
 */
export const parcelTrackingMappings: Record<string, VendorMapping> = {
  'tracking.update': parcelTrackingMapping,
};

/**
 * The X12 transaction sets the EDI endpoint accepts, by ST01: carrier shipment status (214,
 * codes mapped by x12-214-status-codes.ts) and advance ship notice (856).
 */
export const x12Mappings: Record<string, VendorMapping> = {
  '214': x12StatusMapping,
  '856': x12ShipNoticeMapping,
};
