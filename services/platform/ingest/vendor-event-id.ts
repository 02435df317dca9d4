import { ValidationError } from '../errors/backbone-error.ts';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses a vendor event id the backbone cannot key a delivery by: one with a NUL character
 * (PostgreSQL text, the delivery ledger's key, cannot hold U+0000) or a lone surrogate (not
 * Unicode, so no UTF-8 bytes to derive event ids from). Such an id is the vendor's error:
 * 422 INVALID_VENDOR_EVENT_ID naming it, never a 5xx the vendor would retry forever.
 */
export function checkedVendorEventId(id: string): string {
  const problem = id.includes('\u0000') ? 'contains a NUL character' : loneSurrogate.test(id) ? 'is not well-formed Unicode (lone surrogate)' : undefined;
  if (!problem) return id;
  const message = `vendor event id ${JSON.stringify(id.slice(0, 200))} ${problem}`;
  throw new ValidationError(message, [{ path: 'vendorEventId', message }], 'INVALID_VENDOR_EVENT_ID');
}
