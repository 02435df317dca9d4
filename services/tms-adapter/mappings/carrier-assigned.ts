import { z } from 'zod';
import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';
import { zodValidate, type VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { plannedLoadFields, serviceLevelOfLoad, shipmentPlannedEvents } from './planned-load.ts';

/**
 * TMS carrier assigned (`eventType: "carrier.assigned"`): a carrier (and service) was assigned
 * or re-assigned to a load, replanning its shipments.
 */
export const carrierAssignedSchema = z.object({
  ...plannedLoadFields,
  eventType: z.literal('carrier.assigned'),
  previousCarrierScac: z.string().regex(/^[A-Z]{2,4}$/).optional(),
});

/** carrier.assigned → ShipmentPlanned, one per shipment on the load, with the new carrier. */
export const carrierAssignedMapping: VendorMapping<z.infer<typeof carrierAssignedSchema> & { serviceLevel: IoLogisticsCommon.ServiceLevel }> = {
  description: 'carrier.assigned → ShipmentPlanned (one per shipment)',
  validate: (body) => {
    const v = zodValidate(carrierAssignedSchema, body, 'carrier.assigned');
    return { ...v, serviceLevel: serviceLevelOfLoad(v) };
  },
  vendorEventId: (v) => v.eventId,
  correlationId: (v) => v.correlationId,
  map: (v, ctx) => shipmentPlannedEvents(v, v.serviceLevel, ctx),
};
