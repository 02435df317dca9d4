import { z } from 'zod';
import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';
import { lookupCode, zodValidate, type VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { wmsReturnConditionCodes } from './return-condition-codes.ts';
import { wmsLineFields, wmsLineItem } from './wms-line-item.ts';

/**
 * WMS returns receipt (`eventType: "return.received"`): a customer return was received and
 * inspected. It is keyed by the original outbound shipment, so it follows that shipment's
 * events on the same partition.
 */
export const returnReceiptSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.literal('return.received'),
  occurredAt: z.iso.datetime({ offset: true }),
  warehouseId: z.string().min(1).max(64),
  rmaNumber: z.string().min(1).max(64),
  originalShipmentNumber: z.string().min(1).max(64),
  originalOrderNumber: z.string().min(1).max(64).optional(),
  customerId: z.string().min(1).max(64).optional(),
  returnCarrierCode: z.string().regex(/^[A-Z]{2,4}$/, 'expected a SCAC (2-4 capital letters)').optional(),
  returnTrackingNumber: z.string().min(1).max(40).optional(),
  reasonCode: z.string().min(1).max(32),
  conditionGrade: z.string().min(1).max(4),
  dispositionCode: z.string().min(1).max(32).optional(),
  correlationId: z.string().min(1).max(200).optional(),
  lines: z.array(z.object({ ...wmsLineFields, quantityReceived: z.number().positive() })).min(1),
});

/** A validated return receipt with its condition resolved. */
export type ReturnReceipt = z.infer<typeof returnReceiptSchema> & { condition: IoLogisticsCommon.ReturnCondition };

/** return.received → ReturnReceived (condition grade by the table in return-condition-codes.ts). */
export const returnReceiptMapping: VendorMapping<ReturnReceipt> = {
  description: 'return.received → ReturnReceived',
  validate: (body) => {
    const v = zodValidate(returnReceiptSchema, body, 'return.received');
    return { ...v, condition: lookupCode(wmsReturnConditionCodes, v.conditionGrade, 'conditionGrade', 'WMS return condition grade') };
  },
  vendorEventId: (v) => v.eventId,
  correlationId: (v) => v.correlationId,
  map: (v, ctx) => [
    {
      eventType: 'ReturnReceived',
      event: {
        envelope: ctx.envelope('ReturnReceived', {
          occurredAt: new Date(v.occurredAt),
          correlationId: `shipment:${v.originalShipmentNumber}`,
          shipmentId: v.originalShipmentNumber,
          orderId: v.originalOrderNumber ?? null,
          warehouseId: v.warehouseId,
          carrierCode: v.returnCarrierCode ?? null,
          trackingNumber: v.returnTrackingNumber ?? null,
        }),
        rmaNumber: v.rmaNumber,
        customerId: v.customerId ?? null,
        returnReasonCode: v.reasonCode,
        condition: v.condition,
        dispositionCode: v.dispositionCode ?? null,
        lines: v.lines.map((l) => wmsLineItem(l, l.quantityReceived)),
      },
    },
  ],
};
