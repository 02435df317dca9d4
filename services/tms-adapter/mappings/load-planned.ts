import { z } from 'zod';
import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';
import { zodValidate, type VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { plannedLoadFields, serviceLevelOfLoad, shipmentPlannedEvents } from './planned-load.ts';

/** TMS load planned (`eventType: "load.planned"`): shipments were consolidated on a load with a carrier. */
export const loadPlannedSchema = z.object({ ...plannedLoadFields, eventType: z.literal('load.planned') });

/** load.planned → ShipmentPlanned, one per shipment on the load. */
export const loadPlannedMapping: VendorMapping<z.infer<typeof loadPlannedSchema> & { serviceLevel: IoLogisticsCommon.ServiceLevel }> = {
  description: 'load.planned → ShipmentPlanned (one per shipment)',
  validate: (body) => {
    const v = zodValidate(loadPlannedSchema, body, 'load.planned');
    return { ...v, serviceLevel: serviceLevelOfLoad(v) };
  },
  vendorEventId: (v) => v.eventId,
  correlationId: (v) => v.correlationId,
  map: (v, ctx) => shipmentPlannedEvents(v, v.serviceLevel, ctx),
};
