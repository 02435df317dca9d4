import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';

/**
 * WMS returns inspection `conditionGrade` → canonical return condition. An unknown grade is
 * refused (422 naming it): add the row here and to the adapter README.
 */
export const wmsReturnConditionCodes = {
  A: 'SELLABLE',
  B: 'OPENED',
  C: 'DAMAGED',
  D: 'DEFECTIVE',
  I: 'INCOMPLETE',
} as const satisfies Record<string, IoLogisticsCommon.ReturnCondition>;
