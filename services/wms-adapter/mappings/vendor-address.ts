import { z } from 'zod';
import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';

/**
 * A WMS address (ship-to, ship-from). Only city, state, postal code and country are read:
 * names, street lines, phone numbers and e-mails the WMS sends along are dropped by the schema
 * and never reach an event.
 */
export const wmsAddressSchema = z.object({
  city: z.string().min(1).max(80),
  stateCode: z.string().min(1).max(3).optional(),
  postalCode: z.string().min(1).max(12).optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'),
});

/** A validated WMS address. */
export type WmsAddress = z.infer<typeof wmsAddressSchema>;

/** The canonical Location of a WMS address (facility id if the place is a known facility). */
export function wmsLocation(a: WmsAddress, facilityId: string | null = null): IoLogisticsCommon.Location {
  return {
    facilityId,
    city: a.city,
    subdivisionCode: a.stateCode ? `${a.countryCode}-${a.stateCode}` : null,
    postalCode: a.postalCode ?? null,
    countryCode: a.countryCode,
  };
}
