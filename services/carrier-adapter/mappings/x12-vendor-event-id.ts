import { transactionSetsOf, type X12Interchange } from '../../platform/ingest/x12/x12-interchange.ts';

/**
 * The vendor event id of an X12 delivery: interchange sender id (ISA06), interchange control
 * number (ISA13) and the control numbers (ST02) of its transaction sets, e.g.
 * "ODFL/000004711/0001" or "ODFL/000004712/0001+0002". A partner resending the same
 * interchange repeats all three, so the resend is recognised; the sender id keeps two
 * partners' control numbers apart.
 */
export function x12VendorEventId(ix: X12Interchange): string {
  return `${ix.senderId}/${ix.controlNumber}/${transactionSetsOf(ix)
    .map((s) => s.controlNumber)
    .join('+')}`;
}
