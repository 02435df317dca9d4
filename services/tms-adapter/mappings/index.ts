import type { VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { carrierAssignedMapping } from './carrier-assigned.ts';
import { etaChangedMapping } from './eta-changed.ts';
import { loadPlannedMapping } from './load-planned.ts';
import { shipmentDispatchedMapping } from './shipment-dispatched.ts';
import { tenderAcceptedMapping } from './tender-accepted.ts';

/**
 * The TMS message kinds this adapter accepts, by the body's `eventType`: the table is the
 * documentation of the mapping (vendor kind → canonical event).
 */
export const tmsMappings: Record<string, VendorMapping> = {
  'load.planned': loadPlannedMapping,
  'carrier.assigned': carrierAssignedMapping,
  'tender.accepted': tenderAcceptedMapping,
  'shipment.dispatched': shipmentDispatchedMapping,
  'eta.changed': etaChangedMapping,
};
