import { z } from 'zod';
import type { IoLogisticsCommon, TypedEvent } from '../../platform/events/canonical-event.ts';
import type { MappingContext } from '../../platform/ingest/mapping-context.ts';
import { lookupCode } from '../../platform/ingest/vendor-mapping.ts';
import { tmsServiceLevelCodes } from './tms-code-tables.ts';
import { tmsLocation, tmsLocationSchema } from './tms-location.ts';

const instant = z.iso.datetime({ offset: true });

/** One shipment on a TMS load, with its pickup and delivery plan. */
export const plannedShipmentSchema = z.object({
  shipmentNumber: z.string().min(1).max(64),
  orderNumbers: z.array(z.string().min(1).max(64)).min(1),
  customerId: z.string().min(1).max(64),
  pickup: z.object({ location: tmsLocationSchema, plannedAt: instant }),
  delivery: z.object({ location: tmsLocationSchema, plannedAt: instant }),
});

/**
 * The fields shared by the TMS messages that (re)plan a load: the load, its carrier and
 * service, and its shipments. Each message kind adds its `eventType` literal.
 */
export const plannedLoadFields = {
  eventId: z.string().min(1).max(200),
  occurredAt: instant,
  loadId: z.string().min(1).max(64),
  carrier: z.object({
    scac: z.string().regex(/^[A-Z]{2,4}$/, 'expected a SCAC (2-4 capital letters)'),
    serviceCode: z.string().min(1).max(32).optional(),
  }),
  serviceLevelCode: z.string().min(1).max(20),
  correlationId: z.string().min(1).max(200).optional(),
  shipments: z.array(plannedShipmentSchema).min(1),
};

/** What every planned-load message shares, after validation. */
export type PlannedLoad = z.infer<z.ZodObject<typeof plannedLoadFields>>;

/** Resolves the load's service level; an unknown code is a 422 naming it. */
export function serviceLevelOfLoad(load: PlannedLoad): IoLogisticsCommon.ServiceLevel {
  return lookupCode(tmsServiceLevelCodes, load.serviceLevelCode, 'serviceLevelCode', 'TMS service level code');
}

/**
 * One ShipmentPlanned per shipment of the load, in load order. `trackingNumber` is the
 * carrier's reference (PRO) when the message carries one.
 */
export function shipmentPlannedEvents(load: PlannedLoad, serviceLevel: IoLogisticsCommon.ServiceLevel, ctx: MappingContext, trackingNumber: string | null = null): TypedEvent[] {
  return load.shipments.map((s) => ({
    eventType: 'ShipmentPlanned',
    event: {
      envelope: ctx.envelope('ShipmentPlanned', {
        occurredAt: new Date(load.occurredAt),
        correlationId: `shipment:${s.shipmentNumber}`,
        shipmentId: s.shipmentNumber,
        orderId: s.orderNumbers.length === 1 ? s.orderNumbers[0] : null,
        warehouseId: s.pickup.location.facilityId ?? null,
        carrierCode: load.carrier.scac,
        trackingNumber,
      }),
      loadId: load.loadId,
      carrierCode: load.carrier.scac,
      serviceLevel,
      carrierServiceCode: load.carrier.serviceCode ?? null,
      plannedPickupAt: new Date(s.pickup.plannedAt),
      plannedDeliveryAt: new Date(s.delivery.plannedAt),
      origin: tmsLocation(s.pickup.location),
      destination: tmsLocation(s.delivery.location),
      orderIds: s.orderNumbers,
      customerId: s.customerId,
    },
  }));
}
