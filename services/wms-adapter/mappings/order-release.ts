import { z } from 'zod';
import type { IoLogisticsCommon, TypedEvent } from '../../platform/events/canonical-event.ts';
import type { MappingContext } from '../../platform/ingest/mapping-context.ts';
import { lookupCode, zodValidate, type VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { wmsServiceLevelCodes } from './service-level-codes.ts';
import { wmsAddressSchema, wmsLocation } from './vendor-address.ts';
import { wmsLineFields, wmsLineItem } from './wms-line-item.ts';

/** One released order as the WMS describes it (also the element of a wave release). */
export const releasedOrderSchema = z.object({
  orderNumber: z.string().min(1).max(64),
  customerId: z.string().min(1).max(64),
  purchaseOrderNumber: z.string().min(1).max(64).optional(),
  requestedShipDate: z.iso.date(),
  requestedDeliveryDate: z.iso.date().optional(),
  serviceLevelCode: z.string().min(1).max(20),
  shipTo: wmsAddressSchema,
  lines: z.array(z.object({ ...wmsLineFields, quantityOrdered: z.number().positive() })).min(1),
});

/** A validated released order. */
export type ReleasedOrder = z.infer<typeof releasedOrderSchema>;

/**
 * WMS order release (`eventType: "order.released"`): an order was released to the warehouse
 * floor. No shipment exists yet, so the event has shipmentId null and is keyed
 * "order:<orderNumber>".
 */
export const orderReleaseSchema = releasedOrderSchema.extend({
  eventId: z.string().min(1).max(200),
  eventType: z.literal('order.released'),
  occurredAt: z.iso.datetime({ offset: true }),
  warehouseId: z.string().min(1).max(64),
  correlationId: z.string().min(1).max(200).optional(),
});

/** A validated order release. */
export type OrderRelease = z.infer<typeof orderReleaseSchema>;

/** Resolves an order's service level code; an unknown code is a 422 naming it and its path. */
export function serviceLevelOf(order: ReleasedOrder, path: string): IoLogisticsCommon.ServiceLevel {
  return lookupCode(wmsServiceLevelCodes, order.serviceLevelCode, path, 'WMS service level code');
}

/** The OrderReleased event of one released order. */
export function orderReleasedEvent(order: ReleasedOrder, serviceLevel: IoLogisticsCommon.ServiceLevel, at: { occurredAt: string; warehouseId: string }, ctx: MappingContext): TypedEvent {
  return {
    eventType: 'OrderReleased',
    event: {
      envelope: ctx.envelope('OrderReleased', {
        occurredAt: new Date(at.occurredAt),
        correlationId: `order:${order.orderNumber}`,
        shipmentId: null,
        orderId: order.orderNumber,
        warehouseId: at.warehouseId,
      }),
      customerId: order.customerId,
      purchaseOrderNumber: order.purchaseOrderNumber ?? null,
      requestedShipDate: order.requestedShipDate,
      requestedDeliveryDate: order.requestedDeliveryDate ?? null,
      serviceLevel,
      destination: wmsLocation(order.shipTo),
      lines: order.lines.map((l) => wmsLineItem(l, l.quantityOrdered)),
    },
  };
}

/** order.released → OrderReleased (keyed "order:<orderNumber>"). */
export const orderReleaseMapping: VendorMapping<OrderRelease & { serviceLevel: IoLogisticsCommon.ServiceLevel }> = {
  description: 'order.released → OrderReleased',
  validate: (body) => {
    const v = zodValidate(orderReleaseSchema, body, 'order.released');
    return { ...v, serviceLevel: serviceLevelOf(v, 'serviceLevelCode') };
  },
  vendorEventId: (v) => v.eventId,
  correlationId: (v) => v.correlationId,
  map: (v, ctx) => [orderReleasedEvent(v, v.serviceLevel, v, ctx)],
};
