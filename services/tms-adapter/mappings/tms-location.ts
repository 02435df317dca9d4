import { z } from 'zod';
import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';

/**
 * A TMS stop location. Only facility id, city, state, postal code and country are read:
 * contact names, street lines and phone numbers the TMS sends are dropped by the schema.
 */
export const tmsLocationSchema = z.object({
  facilityId: z.string().min(1).max(64).optional(),
  city: z.string().min(1).max(80),
  stateCode: z.string().min(1).max(3).optional(),
  postalCode: z.string().min(1).max(12).optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'),
});

/** The canonical Location of a TMS stop location. */
export function tmsLocation(l: z.infer<typeof tmsLocationSchema>): IoLogisticsCommon.Location {
  return {
    facilityId: l.facilityId ?? null,
    city: l.city,
    subdivisionCode: l.stateCode ? `${l.countryCode}-${l.stateCode}` : null,
    postalCode: l.postalCode ?? null,
    countryCode: l.countryCode,
  };
}
