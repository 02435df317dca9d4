/** What replaces personal data removed from carrier free text. */
export const REDACTED = '[redacted]';

// Phrases after which carriers typically write a person's name ("Signed for by: J.SMITH"); the
// name runs to the next comma, semicolon, bracket or sentence end, initials ("J.") included.
const namedPerson = /\b(signed(?: for)? by|received by|left with|delivered to|accepted by|attn|attention|contact)\b\s*:?\s*(?:\b[A-Z]\.\s?|[^.,;()\n])+/gi;
const email = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const phone = /(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b/g;

/**
 * Removes personal data from a carrier's free-text status or exception description before it
 * goes on an event (the schemas forbid names, e-mails and phone numbers): e-mail addresses,
 * North American phone numbers and the words after "signed by", "received by", "left with",
 * "delivered to", "attn" and "contact". Best effort by design: structured fields never carry
 * free text, and the description stays optional. Blank input gives null.
 */
export function scrubFreeText(text: string | undefined | null): string | null {
  if (text === undefined || text === null) return null;
  const scrubbed = text
    .replace(email, REDACTED)
    .replace(phone, REDACTED)
    .replace(namedPerson, (_m, lead: string) => `${lead}: ${REDACTED}`)
    .replace(/\s+/g, ' ')
    .trim();
  return scrubbed === '' ? null : scrubbed;
}
