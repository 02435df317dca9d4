import { z } from 'zod';
import { zodMapping } from '../../platform/ingest/vendor-mapping.ts';
import { tmsLocation, tmsLocationSchema } from './tms-location.ts';
import { avroInt } from '../../platform/ingest/avro-int.ts';

/**
 * TMS dispatch confirmation (`eventType: "shipment.dispatched"`): the carrier picked the
 * shipment up and left the origin (the TMS's "departed shipper" check call).
 */
export const shipmentDispatchedSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.literal('shipment.dispatched'),
  occurredAt: z.iso.datetime({ offset: true }),
  shipmentNumber: z.string().min(1).max(64),
  loadId: z.string().min(1).max(64).optional(),
  carrier: z.object({ scac: z.string().regex(/^[A-Z]{2,4}$/, 'expected a SCAC (2-4 capital letters)') }),
  origin: tmsLocationSchema,
  equipment: z
    .object({ trailerNumber: z.string().min(1).max(32).optional(), tractorNumber: z.string().min(1).max(32).optional(), sealNumber: z.string().min(1).max(32).optional() })
    .optional(),
  billOfLadingNumber: z.string().min(1).max(64).optional(),
  proNumber: z.string().min(1).max(40).optional(),
  handlingUnitCount: avroInt(1),
  totalWeight: z.object({ value: z.number().positive(), uom: z.enum(['LB', 'KG']) }),
  trackingNumbers: z.array(z.string().min(1).max(40)).optional(),
  correlationId: z.string().min(1).max(200).optional(),
});

/** shipment.dispatched → ShipmentDispatched (PRO number → envelope.trackingNumber). */
export const shipmentDispatchedMapping = zodMapping({
  description: 'shipment.dispatched → ShipmentDispatched',
  schema: shipmentDispatchedSchema,
  vendorEventId: (b) => b.eventId,
  correlationId: (b) => b.correlationId,
  map: (b, ctx) => [
    {
      eventType: 'ShipmentDispatched',
      event: {
        envelope: ctx.envelope('ShipmentDispatched', {
          occurredAt: new Date(b.occurredAt),
          correlationId: `shipment:${b.shipmentNumber}`,
          shipmentId: b.shipmentNumber,
          warehouseId: b.origin.facilityId ?? null,
          carrierCode: b.carrier.scac,
          trackingNumber: b.proNumber ?? null,
        }),
        dispatchedFrom: tmsLocation(b.origin),
        loadId: b.loadId ?? null,
        trailerId: b.equipment?.trailerNumber ?? null,
        vehicleId: b.equipment?.tractorNumber ?? null,
        sealNumber: b.equipment?.sealNumber ?? null,
        billOfLadingNumber: b.billOfLadingNumber ?? null,
        packageCount: b.handlingUnitCount,
        totalWeight: { value: b.totalWeight.value, unit: b.totalWeight.uom },
        trackingNumbers: b.trackingNumbers ?? [],
      },
    },
  ],
});
