/**
 * Masks an e-mail address for logs and operator output: "jane.doe@example.com" becomes
 * "j***@example.com". Addresses are personal data and never appear in full in a log line.
 */
export function maskEmail(address: string | null | undefined): string | null {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
