/**
 * Burgerservicenummer (BSN): 9 digits that pass the elfproef (eleven test): the first eight
 * digits weighted 9..2, minus the last digit, sum to a multiple of 11. All zeros is not a BSN.
 */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value) || value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * (9 - i);
  sum -= Number(value[8]);
  return sum % 11 === 0;
}

/** The message a worker sees for a BSN that fails the check. */
export const INVALID_BSN_MESSAGE = 'Ongeldig BSN: een BSN heeft 9 cijfers en voldoet aan de elfproef. Controleer het nummer.';
