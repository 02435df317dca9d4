import type { VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { cartonCloseMapping } from './carton-close.ts';
import { dockDepartureMapping } from './dock-departure.ts';
import { inventoryAllocationMapping } from './inventory-allocation.ts';
import { orderReleaseMapping } from './order-release.ts';
import { pickConfirmationMapping } from './pick-confirmation.ts';
import { returnReceiptMapping } from './return-receipt.ts';
import { waveReleaseMapping } from './wave-release.ts';

/**
 * The WMS message kinds this adapter accepts, by the body's `eventType`: the table is the
 * documentation of the mapping (vendor kind → canonical event).
 */
export const wmsMappings: Record<string, VendorMapping> = {
  'pick.confirmed': pickConfirmationMapping,
  'order.released': orderReleaseMapping,
  'wave.released': waveReleaseMapping,
  'inventory.allocated': inventoryAllocationMapping,
  'carton.closed': cartonCloseMapping,
  'dock.departed': dockDepartureMapping,
  'return.received': returnReceiptMapping,
};
