import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';

/**
 * TMS `serviceLevelCode` → canonical service level. An unknown code is refused (422 naming
 * it), never defaulted: add the row here and to the adapter README.
 */
export const tmsServiceLevelCodes = {
  EXPEDITE: 'SAME_DAY',
  'PARCEL-1D': 'NEXT_DAY',
  'PARCEL-2D': 'TWO_DAY',
  'PARCEL-3D': 'THREE_DAY',
  'PARCEL-GND': 'STANDARD',
  LTL: 'STANDARD',
  TL: 'STANDARD',
  'LTL-ECON': 'ECONOMY',
  'LTL-APPT': 'SCHEDULED',
} as const satisfies Record<string, IoLogisticsCommon.ServiceLevel>;

/**
 * TMS ETA change `reasonCode` → canonical ETA change reason. An unknown code is refused (422
 * naming it): add the row here and to the adapter README.
 */
export const tmsEtaReasonCodes = {
  CAR: 'CARRIER_UPDATE',
  RPL: 'PLAN_CHANGE',
  EXC: 'DELIVERY_EXCEPTION',
  WX: 'WEATHER',
  TRF: 'TRAFFIC',
  APT: 'APPOINTMENT_RESCHEDULED',
  GPS: 'PREDICTION',
  OTH: 'OTHER',
} as const satisfies Record<string, IoLogisticsCommon.EtaChangeReason>;
