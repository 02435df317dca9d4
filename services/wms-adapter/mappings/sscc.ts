/**
 * True if `value` is a GS1 Serial Shipping Container Code: 18 digits whose last is the GS1
 * mod-10 check digit of the first 17 (weights 3, 1, 3, … from the left).
 */
export function isValidSscc(value: string): boolean {
  if (!/^\d{18}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(value[17]);
}
