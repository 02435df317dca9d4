import { z } from 'zod';
import { zodMapping } from '../../platform/ingest/vendor-mapping.ts';
import { isValidSscc } from './sscc.ts';
import { wmsLineFields, wmsLineItem } from './wms-line-item.ts';

/**
 * WMS pack / close carton (`eventType: "carton.closed"`): a carton was packed and closed at a
 * pack station, with its measured weight and dimensions and, when a label was printed at pack,
 * its carrier and tracking number.
 */
export const cartonCloseSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.literal('carton.closed'),
  occurredAt: z.iso.datetime({ offset: true }),
  warehouseId: z.string().min(1).max(64),
  orderNumber: z.string().min(1).max(64),
  shipmentNumber: z.string().min(1).max(64),
  cartonId: z.string().min(1).max(64),
  sscc: z.string().refine(isValidSscc, 'expected an 18-digit SSCC with a valid GS1 check digit').optional(),
  cartonType: z.string().min(1).max(32).optional(),
  packStationId: z.string().min(1).max(32).optional(),
  carrierCode: z.string().regex(/^[A-Z]{2,4}$/, 'expected a SCAC (2-4 capital letters)').optional(),
  trackingNumber: z.string().min(1).max(40).optional(),
  correlationId: z.string().min(1).max(200).optional(),
  weight: z.object({ value: z.number().positive(), uom: z.enum(['LB', 'KG']) }),
  dimensions: z.object({ length: z.number().positive(), width: z.number().positive(), height: z.number().positive(), uom: z.enum(['IN', 'CM']) }).optional(),
  contents: z.array(z.object({ ...wmsLineFields, quantity: z.number().positive() })).min(1),
});

/** carton.closed → PackCompleted. */
export const cartonCloseMapping = zodMapping({
  description: 'carton.closed → PackCompleted',
  schema: cartonCloseSchema,
  vendorEventId: (b) => b.eventId,
  correlationId: (b) => b.correlationId,
  map: (b, ctx) => [
    {
      eventType: 'PackCompleted',
      event: {
        envelope: ctx.envelope('PackCompleted', {
          occurredAt: new Date(b.occurredAt),
          correlationId: `order:${b.orderNumber}`,
          shipmentId: b.shipmentNumber,
          orderId: b.orderNumber,
          warehouseId: b.warehouseId,
          carrierCode: b.carrierCode ?? null,
          trackingNumber: b.trackingNumber ?? null,
        }),
        packageId: b.cartonId,
        sscc: b.sscc ?? null,
        cartonType: b.cartonType ?? null,
        weight: { value: b.weight.value, unit: b.weight.uom },
        dimensions: b.dimensions ? { length: b.dimensions.length, width: b.dimensions.width, height: b.dimensions.height, unit: b.dimensions.uom } : null,
        packStationId: b.packStationId ?? null,
        lines: b.contents.map((l) => wmsLineItem(l, l.quantity)),
      },
    },
  ],
});
