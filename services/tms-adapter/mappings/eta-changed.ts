import { z } from 'zod';
import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';
import { lookupCode, zodValidate, type VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { tmsEtaReasonCodes } from './tms-code-tables.ts';

const instant = z.iso.datetime({ offset: true });

/**
 * TMS ETA change (`eventType: "eta.changed"`): the estimated arrival at the shipment's delivery
 * stop changed (carrier check call, replanning or the TMS's own prediction).
 */
export const etaChangedSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.literal('eta.changed'),
  occurredAt: instant,
  shipmentNumber: z.string().min(1).max(64),
  loadId: z.string().min(1).max(64).optional(),
  carrierScac: z.string().regex(/^[A-Z]{2,4}$/, 'expected a SCAC (2-4 capital letters)').optional(),
  previousEta: instant.optional(),
  newEta: instant,
  window: z.object({ start: instant, end: instant }).optional(),
  reasonCode: z.string().min(1).max(8),
  correlationId: z.string().min(1).max(200).optional(),
});

/** A validated ETA change with its reason resolved. */
export type EtaChanged = z.infer<typeof etaChangedSchema> & { reason: IoLogisticsCommon.EtaChangeReason };

const date = (v: string | undefined) => (v === undefined ? null : new Date(v));

/** eta.changed → EtaUpdated (reason code by the table in tms-code-tables.ts). */
export const etaChangedMapping: VendorMapping<EtaChanged> = {
  description: 'eta.changed → EtaUpdated',
  validate: (body) => {
    const v = zodValidate(etaChangedSchema, body, 'eta.changed');
    return { ...v, reason: lookupCode(tmsEtaReasonCodes, v.reasonCode, 'reasonCode', 'TMS ETA reason code') };
  },
  vendorEventId: (v) => v.eventId,
  correlationId: (v) => v.correlationId,
  map: (v, ctx) => [
    {
      eventType: 'EtaUpdated',
      event: {
        envelope: ctx.envelope('EtaUpdated', {
          occurredAt: new Date(v.occurredAt),
          correlationId: `shipment:${v.shipmentNumber}`,
          shipmentId: v.shipmentNumber,
          carrierCode: v.carrierScac ?? null,
        }),
        previousEta: date(v.previousEta),
        newEta: new Date(v.newEta),
        etaWindowStart: date(v.window?.start),
        etaWindowEnd: date(v.window?.end),
        reason: v.reason,
        carrierReasonCode: v.reasonCode,
      },
    },
  ],
};
