import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';

/**
 * WMS order `serviceLevelCode` → canonical service level. An unknown code is refused (422
 * naming it), never defaulted to OTHER: add the row here and to the adapter README.
 */
export const wmsServiceLevelCodes = {
  SAMEDAY: 'SAME_DAY',
  NEXTDAY: 'NEXT_DAY',
  '2DAY': 'TWO_DAY',
  '3DAY': 'THREE_DAY',
  GROUND: 'STANDARD',
  STD: 'STANDARD',
  ECONOMY: 'ECONOMY',
  APPT: 'SCHEDULED',
} as const satisfies Record<string, IoLogisticsCommon.ServiceLevel>;
