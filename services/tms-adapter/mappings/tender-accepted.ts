import { z } from 'zod';
import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';
import { zodValidate, type VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { plannedLoadFields, serviceLevelOfLoad, shipmentPlannedEvents } from './planned-load.ts';

/**
 * TMS tender accepted (`eventType: "tender.accepted"`): the carrier accepted the load tender
 * and confirmed it with its own reference (PRO number).
 */
export const tenderAcceptedSchema = z.object({
  ...plannedLoadFields,
  eventType: z.literal('tender.accepted'),
  tenderId: z.string().min(1).max(64),
  carrierReference: z.string().min(1).max(40).optional(),
});

/**
 * tender.accepted → ShipmentPlanned, one per shipment, now with the carrier's PRO as tracking
 * number. Not ShipmentDispatched: an accepted tender is a confirmed plan, and the goods have not
 * left the dock; the departure arrives as `shipment.dispatched` (or the WMS's dock departure).
 */
export const tenderAcceptedMapping: VendorMapping<z.infer<typeof tenderAcceptedSchema> & { serviceLevel: IoLogisticsCommon.ServiceLevel }> = {
  description: 'tender.accepted → ShipmentPlanned (one per shipment)',
  validate: (body) => {
    const v = zodValidate(tenderAcceptedSchema, body, 'tender.accepted');
    return { ...v, serviceLevel: serviceLevelOfLoad(v) };
  },
  vendorEventId: (v) => v.eventId,
  correlationId: (v) => v.correlationId,
  map: (v, ctx) => shipmentPlannedEvents(v, v.serviceLevel, ctx, v.carrierReference ?? null),
};
