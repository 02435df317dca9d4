import type { CarrierReasonRule, CarrierStatusRule } from './carrier-status-rule.ts';

/**
 * Parcel tracking webhook: `scan.statusCode` → canonical event. Two-letter scan event codes
 * in the style of the large parcel carriers' tracking APIs. A code not in this table is
 * refused (422 naming it), never defaulted: add the row here, and to the README table.
 */
export const parcelStatusCodes = {
  PU: { event: 'InTransit', milestone: 'PICKED_UP', meaning: 'Picked up' },
  IT: { event: 'InTransit', milestone: 'IN_TRANSIT', meaning: 'In transit' },
  AR: { event: 'InTransit', milestone: 'ARRIVED_AT_FACILITY', meaning: 'Arrived at carrier facility' },
  AF: { event: 'InTransit', milestone: 'ARRIVED_AT_FACILITY', meaning: 'At carrier facility (sort scan)' },
  DP: { event: 'InTransit', milestone: 'DEPARTED_FACILITY', meaning: 'Departed carrier facility' },
  OD: { event: 'InTransit', milestone: 'OUT_FOR_DELIVERY', meaning: 'On vehicle for delivery' },
  HP: { event: 'InTransit', milestone: 'AVAILABLE_FOR_PICKUP', meaning: 'Ready for recipient pickup at a carrier location' },
  CC: { event: 'InTransit', milestone: 'CUSTOMS_CLEARED', meaning: 'Cleared customs' },
  DL: { event: 'ProofOfDeliveryReceived', meaning: 'Delivered' },
  DE: { event: 'DeliveryException', meaning: 'Delivery exception (reason in scan.exceptionCode)' },
  SE: { event: 'DeliveryException', meaning: 'Shipment exception (reason in scan.exceptionCode)' },
  CD: { event: 'DeliveryException', reason: 'CUSTOMS_HOLD', meaning: 'Clearance delay' },
  ED: { event: 'EtaUpdated', meaning: 'Estimated delivery changed (estimate in estimatedDelivery)' },
} as const satisfies Record<string, CarrierStatusRule>;

/**
 * Parcel tracking webhook: `scan.exceptionCode` → canonical reason, for DE/SE exceptions and
 * for the cause of an ED estimate change. The codes are this vendor format's list; check them
 * against the carrier's current code list when onboarding a carrier.
 */
export const parcelExceptionCodes = {
  '03': { meaning: 'Incorrect address', exception: 'ADDRESS_ISSUE', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  '04': { meaning: 'Unable to locate address / insufficient address', exception: 'ADDRESS_ISSUE', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  '07': { meaning: 'Refused by recipient', exception: 'REFUSED', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  '08': { meaning: 'Recipient not in / business closed', exception: 'RECIPIENT_UNAVAILABLE', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  '12': { meaning: 'Package damaged', exception: 'DAMAGED', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  '17': { meaning: 'Recipient requested a future delivery date', exception: 'RECIPIENT_UNAVAILABLE', eta: 'APPOINTMENT_RESCHEDULED', actionRequired: false },
  '33': { meaning: 'Weather delay', exception: 'WEATHER_DELAY', eta: 'WEATHER', actionRequired: false },
  '34': { meaning: 'Delay in carrier network', exception: 'CARRIER_DELAY', eta: 'CARRIER_UPDATE', actionRequired: false },
  '40': { meaning: 'Package cannot be located (trace opened)', exception: 'LOST', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  '81': { meaning: 'Customs documentation required', exception: 'CUSTOMS_HOLD', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  '99': { meaning: 'Other', exception: 'OTHER', eta: 'OTHER', actionRequired: false },
} as const satisfies Record<string, CarrierReasonRule>;
