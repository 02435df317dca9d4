import { z } from 'zod';
import { zodMapping } from '../../platform/ingest/vendor-mapping.ts';
import { wmsAddressSchema, wmsLocation } from './vendor-address.ts';

/**
 * WMS dock departure / ship confirm (`eventType: "dock.departed"`): the trailer carrying the
 * shipment was closed, sealed and left the dock door.
 */
export const dockDepartureSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.literal('dock.departed'),
  occurredAt: z.iso.datetime({ offset: true }),
  warehouseId: z.string().min(1).max(64),
  shipmentNumber: z.string().min(1).max(64),
  orderNumbers: z.array(z.string().min(1).max(64)).min(1),
  carrierCode: z.string().regex(/^[A-Z]{2,4}$/, 'expected a SCAC (2-4 capital letters)'),
  loadId: z.string().min(1).max(64).optional(),
  dockDoor: z.string().min(1).max(16).optional(),
  trailerNumber: z.string().min(1).max(32).optional(),
  tractorNumber: z.string().min(1).max(32).optional(),
  sealNumber: z.string().min(1).max(32).optional(),
  billOfLadingNumber: z.string().min(1).max(64).optional(),
  proNumber: z.string().min(1).max(40).optional(),
  correlationId: z.string().min(1).max(200).optional(),
  shipFrom: wmsAddressSchema,
  cartons: z.array(z.object({ cartonId: z.string().min(1).max(64), trackingNumber: z.string().min(1).max(40).optional() })).min(1),
  totalWeight: z.object({ value: z.number().positive(), uom: z.enum(['LB', 'KG']) }),
});

/**
 * dock.departed → ShipmentDispatched. The PRO number is the envelope's tracking number;
 * envelope.orderId is set only when the shipment holds a single order.
 */
export const dockDepartureMapping = zodMapping({
  description: 'dock.departed → ShipmentDispatched',
  schema: dockDepartureSchema,
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
          orderId: b.orderNumbers.length === 1 ? b.orderNumbers[0] : null,
          warehouseId: b.warehouseId,
          carrierCode: b.carrierCode,
          trackingNumber: b.proNumber ?? null,
        }),
        dispatchedFrom: wmsLocation(b.shipFrom, b.warehouseId),
        loadId: b.loadId ?? null,
        trailerId: b.trailerNumber ?? null,
        vehicleId: b.tractorNumber ?? null,
        sealNumber: b.sealNumber ?? null,
        billOfLadingNumber: b.billOfLadingNumber ?? null,
        packageCount: b.cartons.length,
        totalWeight: { value: b.totalWeight.value, unit: b.totalWeight.uom },
        trackingNumbers: b.cartons.flatMap((c) => (c.trackingNumber ? [c.trackingNumber] : [])),
      },
    },
  ],
});
