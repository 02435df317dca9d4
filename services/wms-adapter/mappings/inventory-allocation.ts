import { z } from 'zod';
import { zodMapping } from '../../platform/ingest/vendor-mapping.ts';
import { wmsLineFields, wmsLineItem } from './wms-line-item.ts';

/**
 * WMS allocation (`eventType: "inventory.allocated"`): stock was reserved for an order, fully
 * or partly. Allocation usually precedes the shipment: without `shipmentNumber` the event is
 * keyed "order:<orderNumber>".
 */
export const inventoryAllocationSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.literal('inventory.allocated'),
  occurredAt: z.iso.datetime({ offset: true }),
  warehouseId: z.string().min(1).max(64),
  orderNumber: z.string().min(1).max(64),
  shipmentNumber: z.string().min(1).max(64).optional(),
  allocationId: z.string().min(1).max(64),
  waveId: z.string().min(1).max(64).optional(),
  correlationId: z.string().min(1).max(200).optional(),
  lines: z
    .array(
      z
        .object({ ...wmsLineFields, quantityOrdered: z.number().positive(), quantityAllocated: z.number().min(0) })
        // Either field may be the wrong one, so the problem is reported at both.
        .superRefine((l, ctx) => {
          if (l.quantityAllocated <= l.quantityOrdered) return;
          const message = `quantityAllocated (${l.quantityAllocated}) exceeds quantityOrdered (${l.quantityOrdered})`;
          ctx.addIssue({ code: 'custom', message, path: ['quantityAllocated'] });
          ctx.addIssue({ code: 'custom', message, path: ['quantityOrdered'] });
        }),
    )
    .min(1),
});

/** inventory.allocated → InventoryAllocated (unallocated remainders become backorderedLines). */
export const inventoryAllocationMapping = zodMapping({
  description: 'inventory.allocated → InventoryAllocated',
  schema: inventoryAllocationSchema,
  vendorEventId: (b) => b.eventId,
  correlationId: (b) => b.correlationId,
  map: (b, ctx) => {
    const short = b.lines.filter((l) => l.quantityAllocated < l.quantityOrdered);
    return [
      {
        eventType: 'InventoryAllocated',
        event: {
          envelope: ctx.envelope('InventoryAllocated', {
            occurredAt: new Date(b.occurredAt),
            correlationId: `order:${b.orderNumber}`,
            shipmentId: b.shipmentNumber ?? null,
            orderId: b.orderNumber,
            warehouseId: b.warehouseId,
          }),
          allocationId: b.allocationId,
          waveId: b.waveId ?? null,
          fullyAllocated: short.length === 0,
          lines: b.lines.filter((l) => l.quantityAllocated > 0).map((l) => wmsLineItem(l, l.quantityAllocated)),
          backorderedLines: short.map((l) => wmsLineItem(l, l.quantityOrdered - l.quantityAllocated)),
        },
      },
    ];
  },
});
