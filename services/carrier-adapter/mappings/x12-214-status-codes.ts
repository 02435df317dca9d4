import type { CarrierReasonRule, CarrierStatusRule } from './carrier-status-rule.ts';

/**
 * X12 214 AT7-01 shipment status code (element 1650) → canonical event. For the ETA codes
 * (AG, X2) the AT7 date/time is the estimate itself. A code not in this table is refused
 * (422 naming it): add the row here, and to the README table.
 */
export const x12ShipmentStatusCodes = {
  X3: { event: 'InTransit', milestone: 'OTHER', meaning: 'Arrived at pick-up location' },
  X8: { event: 'InTransit', milestone: 'OTHER', meaning: 'Arrived at pick-up location loading dock' },
  CP: { event: 'InTransit', milestone: 'PICKED_UP', meaning: 'Completed loading at pick-up location' },
  AF: { event: 'InTransit', milestone: 'PICKED_UP', meaning: 'Carrier departed pick-up location with shipment' },
  X4: { event: 'InTransit', milestone: 'ARRIVED_AT_FACILITY', meaning: 'Arrived at terminal location' },
  P1: { event: 'InTransit', milestone: 'DEPARTED_FACILITY', meaning: 'Departed terminal location' },
  R1: { event: 'InTransit', milestone: 'IN_TRANSIT', meaning: 'Received from prior carrier' },
  J1: { event: 'InTransit', milestone: 'IN_TRANSIT', meaning: 'Delivered to connecting line' },
  X6: { event: 'InTransit', milestone: 'IN_TRANSIT', meaning: 'En route to delivery location' },
  X1: { event: 'InTransit', milestone: 'OUT_FOR_DELIVERY', meaning: 'Arrived at delivery location' },
  X5: { event: 'InTransit', milestone: 'OUT_FOR_DELIVERY', meaning: 'Arrived at delivery location loading dock' },
  D1: { event: 'ProofOfDeliveryReceived', meaning: 'Completed unloading at delivery location' },
  AH: { event: 'DeliveryException', meaning: 'Attempted delivery (reason in AT7-02)' },
  AP: { event: 'DeliveryException', meaning: 'Delivery not completed (reason in AT7-02)' },
  SD: { event: 'DeliveryException', meaning: 'Shipment delayed (reason in AT7-02)' },
  A3: { event: 'DeliveryException', meaning: 'Shipment returned to shipper (reason in AT7-02)' },
  A7: { event: 'DeliveryException', reason: 'REFUSED', meaning: 'Refused by consignee' },
  A9: { event: 'DeliveryException', reason: 'DAMAGED', meaning: 'Shipment damaged' },
  AG: { event: 'EtaUpdated', meaning: 'Estimated delivery' },
  X2: { event: 'EtaUpdated', meaning: "Estimated date and/or time of arrival at consignee's location" },
} as const satisfies Record<string, CarrierStatusRule>;

/**
 * X12 214 AT7-03 shipment appointment status code (element 1652) → canonical event; the AT7
 * date/time is the appointment. Pick-up appointments (AA) are not a delivery estimate and
 * are therefore not accepted.
 */
export const x12AppointmentStatusCodes = {
  AB: { event: 'EtaUpdated', reason: 'APPOINTMENT_RESCHEDULED', meaning: 'Delivery appointment date and/or time' },
} as const satisfies Record<string, CarrierStatusRule>;

/**
 * X12 214 AT7-02 / AT7-04 status or appointment reason code (element 1651) → canonical
 * reason for exceptions and ETA changes. "NS" (normal status) comes with ordinary scans.
 */
export const x12StatusReasonCodes = {
  NS: { meaning: 'Normal status', exception: 'OTHER', eta: 'CARRIER_UPDATE', actionRequired: false },
  NA: { meaning: 'Normal appointment', exception: 'OTHER', eta: 'APPOINTMENT_RESCHEDULED', actionRequired: false },
  A1: { meaning: 'Missed delivery', exception: 'CARRIER_DELAY', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  A2: { meaning: 'Incorrect address', exception: 'ADDRESS_ISSUE', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  A5: { meaning: 'Unable to locate', exception: 'ADDRESS_ISSUE', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  A6: { meaning: 'Address corrected - delivery attempted', exception: 'ADDRESS_ISSUE', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  AA: { meaning: 'Mis-sort', exception: 'CARRIER_DELAY', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  AD: { meaning: 'Customer requested future delivery', exception: 'RECIPIENT_UNAVAILABLE', eta: 'APPOINTMENT_RESCHEDULED', actionRequired: false },
  AF: { meaning: 'Accident', exception: 'CARRIER_DELAY', eta: 'TRAFFIC', actionRequired: false },
  AG: { meaning: 'Consignee related', exception: 'RECIPIENT_UNAVAILABLE', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  AH: { meaning: 'Driver related', exception: 'CARRIER_DELAY', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  AI: { meaning: 'Mechanical breakdown', exception: 'CARRIER_DELAY', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  AJ: { meaning: 'Other carrier related', exception: 'CARRIER_DELAY', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  AK: { meaning: 'Damaged, rewrapped in hub', exception: 'DAMAGED', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  AM: { meaning: 'Shipper related', exception: 'OTHER', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  AN: { meaning: 'Holiday - closed', exception: 'RECIPIENT_UNAVAILABLE', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  AO: { meaning: 'Weather or natural disaster related', exception: 'WEATHER_DELAY', eta: 'WEATHER', actionRequired: false },
  AQ: { meaning: 'Recipient unavailable - delivery delayed', exception: 'RECIPIENT_UNAVAILABLE', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  AR: { meaning: 'Improper international paperwork', exception: 'CUSTOMS_HOLD', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  AS: { meaning: 'Hold due to customs documentation problems', exception: 'CUSTOMS_HOLD', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  B1: { meaning: 'Consignee closed', exception: 'RECIPIENT_UNAVAILABLE', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  BD: { meaning: 'Border clearance', exception: 'CUSTOMS_HOLD', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  BE: { meaning: 'Road conditions', exception: 'CARRIER_DELAY', eta: 'TRAFFIC', actionRequired: false },
  BG: { meaning: 'Other', exception: 'OTHER', eta: 'OTHER', actionRequired: false },
  BS: { meaning: 'Refused by customer', exception: 'REFUSED', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  BT: { meaning: 'Returned to shipper', exception: 'OTHER', eta: 'DELIVERY_EXCEPTION', actionRequired: true },
  CA: { meaning: 'Customs (import or export)', exception: 'CUSTOMS_HOLD', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  D2: { meaning: 'Driver not available', exception: 'CARRIER_DELAY', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
  P1: { meaning: 'Processing delay', exception: 'CARRIER_DELAY', eta: 'DELIVERY_EXCEPTION', actionRequired: false },
} as const satisfies Record<string, CarrierReasonRule>;
