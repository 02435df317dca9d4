/**
 * Masking of personal data in log objects. Vendor payloads carry names, addresses, e-mail
 * addresses and phone numbers (e.g. WMS `shipTo.{name,addressLine1,email,phone}`, TMS
 * `delivery.location.{contactName,contactPhone}`, carrier `proofOfDelivery.signedBy`), at any
 * depth, so a fixed list of pino redact paths cannot cover them. Masking is by field name.
 */

/** What a masked value is replaced with (the same censor pino's redaction uses). */
export const masked = '[redacted]';

/** Fields that are personal data wherever they appear (compared lower-case). */
const personalKeys = new Set([
  'email', 'emailaddress', 'contactemail',
  'phone', 'phonenumber', 'contactphone', 'mobile', 'fax',
  'contactname', 'recipientname', 'consigneename', 'firstname', 'lastname', 'fullname', 'signedby', 'signatory',
  'addressline1', 'addressline2', 'addressline3', 'street', 'streetaddress', 'address1', 'address2',
]);

/** Generic fields that are personal data only inside an address or a party. */
const partyFields = new Set(['name', 'company', 'attention']);
const partyParents = /^(shipto|shipfrom|billto|soldto|deliverto|consignee|consignor|recipient|receiver|sender|customer|contact|address|location)$/;

const emailPattern = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi;

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Returns `value` with personal data masked: personal fields replaced by "[redacted]", and
 * e-mail addresses inside any string (e.g. an error message quoting a field) replaced too.
 * Copy-on-write: the caller's objects are never changed, and an object without personal
 * data comes back as the same reference. Only plain objects and arrays are walked (8 levels).
 */
export function maskPersonalData<T>(value: T, parentKey = '', depth = 0): T {
  if (typeof value === 'string') return (value.includes('@') ? value.replace(emailPattern, masked) : value) as T;
  if (depth > 8) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const m = maskPersonalData(item, parentKey, depth + 1);
      if (m !== item) (out ??= [...value])[i] = m;
    });
    return (out ?? value) as T;
  }
  if (!isPlain(value)) return value;
  const parent = parentKey.toLowerCase();
  let out: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(value)) {
    const k = key.toLowerCase();
    const personal = v !== null && v !== undefined && (personalKeys.has(k) || (partyFields.has(k) && partyParents.test(parent)));
    const m = personal ? masked : maskPersonalData(v, key, depth + 1);
    if (m !== v) (out ??= { ...value })[key] = m;
  }
  return (out ?? value) as T;
}
