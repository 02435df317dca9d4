import { ValidationError } from '../errors/backbone-error.ts';
import { hasLoneSurrogate } from './unicode-check.ts';

/**
 * Longest vendor event id, in UTF-8 bytes: below PostgreSQL's B-tree limit for the ledger's
 * key (about 2700 bytes with the source system). An X12 id lists every ST02 of its
 * interchange, so a few hundred transaction sets reached that limit (a 500 before).
 */
export const maxVendorEventIdBytes = 2000;

/**
 * Refuses a vendor event id the backbone cannot key a delivery by: one with a NUL character
 * (PostgreSQL text, the delivery ledger's key, cannot hold U+0000), a lone surrogate (not
 * Unicode, so no UTF-8 bytes to derive event ids from), or one too long for the ledger's
 * index. Such an id is the vendor's error: 422 INVALID_VENDOR_EVENT_ID naming it, never a
 * 5xx the vendor would retry forever.
 */
export function checkedVendorEventId(id: string): string {
  const bytes = Buffer.byteLength(id, 'utf8');
  const problem = id.includes('\u0000')
    ? 'contains a NUL character'
    : hasLoneSurrogate(id)
      ? 'is not well-formed Unicode (lone surrogate)'
      : bytes > maxVendorEventIdBytes
        ? `is ${bytes} bytes long, at most ${maxVendorEventIdBytes} are stored (for X12: send fewer transaction sets per interchange)`
        : undefined;
  if (!problem) return id;
  const message = `vendor event id ${JSON.stringify(id.slice(0, 200))} ${problem}`;
  throw new ValidationError(message, [{ path: 'vendorEventId', message }], 'INVALID_VENDOR_EVENT_ID');
}
