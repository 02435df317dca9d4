import type { VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { pickConfirmationMapping } from './pick-confirmation.ts';

/**
 * The WMS message kinds this adapter accepts, by the body's `eventType`: the table is the
 * documentation of the mapping (vendor kind → canonical event).
 */
export const wmsMappings: Record<string, VendorMapping> = {
  'pick.confirmed': pickConfirmationMapping,
};
