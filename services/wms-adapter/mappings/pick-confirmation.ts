import { z } from 'zod';
import { zodMapping } from '../../platform/ingest/vendor-mapping.ts';
import { avroInt } from '../../platform/ingest/avro-int.ts';

/**
 * WMS pick confirmation (`eventType: "pick.confirmed"`): the warehouse finished picking a pick
 * list for an order's shipment → PickCompleted.
 */
export const pickConfirmationSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.literal('pick.confirmed'),
  occurredAt: z.iso.datetime({ offset: true }),
  warehouseId: z.string().min(1),
  orderNumber: z.string().min(1),
  shipmentNumber: z.string().min(1),
  pickListId: z.string().min(1),
  waveId: z.string().min(1).optional(),
  taskId: z.string().min(1).optional(),
  correlationId: z.string().min(1).optional(),
  lines: z
    .array(
      z.object({
        lineNumber: avroInt(1),
        sku: z.string().min(1),
        quantityRequested: z.number().positive(),
        quantityPicked: z.number().min(0),
        unitOfMeasure: z.string().min(1).max(10),
        lotNumber: z.string().min(1).optional(),
      }),
    )
    .min(1),
  toteIds: z.array(z.string().min(1)).optional(),
});

/** A validated pick confirmation. */
export type PickConfirmation = z.infer<typeof pickConfirmationSchema>;

/** pick.confirmed → PickCompleted. */
export const pickConfirmationMapping = zodMapping({
  description: 'pick.confirmed → PickCompleted',
  schema: pickConfirmationSchema,
  vendorEventId: (b) => b.eventId,
  correlationId: (b) => b.correlationId,
  map: (body, ctx) => {
    const line = (l: PickConfirmation['lines'][number], quantity: number) => ({
      lineNumber: l.lineNumber,
      sku: l.sku,
      quantity,
      unitOfMeasure: l.unitOfMeasure,
      lotNumber: l.lotNumber ?? null,
    });
    const short = body.lines.filter((l) => l.quantityPicked < l.quantityRequested);
    return [
      {
        eventType: 'PickCompleted',
        event: {
          envelope: ctx.envelope('PickCompleted', {
            occurredAt: new Date(body.occurredAt),
            correlationId: `order:${body.orderNumber}`,
            shipmentId: body.shipmentNumber,
            orderId: body.orderNumber,
            warehouseId: body.warehouseId,
          }),
          pickListId: body.pickListId,
          pickTaskId: body.taskId ?? null,
          waveId: body.waveId ?? null,
          lines: body.lines.map((l) => line(l, l.quantityPicked)),
          shortPicked: short.length > 0,
          shortPickedLines: short.map((l) => line(l, l.quantityRequested - l.quantityPicked)),
          toteIds: body.toteIds ?? [],
        },
      },
    ];
  },
});
