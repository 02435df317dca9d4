import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';

/**
 * What one carrier status code means canonically: the row type of every per-vendor status
 * code table. The reason of a DeliveryException or EtaUpdated comes from the reason code sent
 * with the status (the vendor's reason table); `reason` here is fixed for an exception, and
 * the default for an ETA change that came without a reason code.
 */
export type CarrierStatusRule =
  | { event: 'InTransit'; milestone: IoLogisticsCommon.TransitMilestone; meaning: string }
  | { event: 'ProofOfDeliveryReceived'; meaning: string }
  | { event: 'DeliveryException'; reason?: IoLogisticsCommon.DeliveryExceptionReason; meaning: string }
  | { event: 'EtaUpdated'; reason?: IoLogisticsCommon.EtaChangeReason; meaning: string };

/** What one carrier status reason (exception) code means: the row type of every reason table. */
export interface CarrierReasonRule {
  meaning: string;
  /** Normalized reason when the status is a delivery exception. */
  exception: IoLogisticsCommon.DeliveryExceptionReason;
  /** Normalized reason when the status is an ETA change. */
  eta: IoLogisticsCommon.EtaChangeReason;
  /** True if the shipper or consignee must act before delivery can continue. */
  actionRequired: boolean;
}
