import { z } from 'zod';
import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';
import { zodValidate, type VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { orderReleasedEvent, releasedOrderSchema, serviceLevelOf } from './order-release.ts';

/**
 * WMS wave release (`eventType: "wave.released"`): a wave of orders was released together.
 * Each order becomes its own OrderReleased event (keyed "order:<orderNumber>"), in wave order.
 */
export const waveReleaseSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.literal('wave.released'),
  occurredAt: z.iso.datetime({ offset: true }),
  warehouseId: z.string().min(1).max(64),
  waveId: z.string().min(1).max(64),
  correlationId: z.string().min(1).max(200).optional(),
  orders: z.array(releasedOrderSchema).min(1),
});

/** A validated wave release with each order's service level resolved. */
export type WaveRelease = z.infer<typeof waveReleaseSchema> & { serviceLevels: IoLogisticsCommon.ServiceLevel[] };

/** wave.released → one OrderReleased per order of the wave. */
export const waveReleaseMapping: VendorMapping<WaveRelease> = {
  description: 'wave.released → OrderReleased (one per order)',
  validate: (body) => {
    const v = zodValidate(waveReleaseSchema, body, 'wave.released');
    return { ...v, serviceLevels: v.orders.map((o, i) => serviceLevelOf(o, `orders.${i}.serviceLevelCode`)) };
  },
  vendorEventId: (v) => v.eventId,
  correlationId: (v) => v.correlationId,
  map: (v, ctx) => v.orders.map((o, i) => orderReleasedEvent(o, v.serviceLevels[i]!, v, ctx)),
};
