import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
);
const CA_PROVINCES = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '));
const ALPHA3: Readonly<Record<string, string>> = { USA: 'US', CAN: 'CA', MEX: 'MX' };

/**
 * ISO 3166-1 alpha-2 country of a carrier-sent country code (alpha-2, or the alpha-3 codes
 * North American carriers use: USA, CAN, MEX); undefined if it is neither.
 */
export function countryCodeOf(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(c)) return c;
  return ALPHA3[c];
}

/**
 * The country of a US state or Canadian province code, for carrier messages that omit the
 * country (X12 MS1-03 is optional): the two code lists do not overlap, so this is not a guess.
 */
export function countryOfSubdivision(state: string): 'US' | 'CA' | undefined {
  const s = state.trim().toUpperCase();
  if (US_STATES.has(s)) return 'US';
  if (CA_PROVINCES.has(s)) return 'CA';
  return undefined;
}

/**
 * A canonical Location (facility, city, ISO 3166-2 subdivision, postal code, country) from
 * a vendor's place. Street lines and names are never taken, whatever the vendor sent.
 */
export function carrierLocation(p: { facilityId?: string | null; city?: string | null; state?: string | null; postalCode?: string | null; countryCode: string }): IoLogisticsCommon.Location {
  const state = p.state?.trim().toUpperCase() || null;
  return {
    facilityId: p.facilityId || null,
    city: p.city?.trim() || null,
    subdivisionCode: state ? `${p.countryCode}-${state}` : null,
    postalCode: p.postalCode?.trim() || null,
    countryCode: p.countryCode,
  };
}
