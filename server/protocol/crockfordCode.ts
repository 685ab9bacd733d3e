/** Crockford base32: no I, L, O or U, so a code read aloud, typed on a phone or copied from paper survives. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * What someone typed → the canonical code of `length` upper-case symbols, or null when it
 * cannot be one. Case, spaces, dashes, dots and underscores don't matter; O reads as 0, I and L as 1.
 * Join codes and ticket codes both follow it.
 */
export function readCrockfordCode(input: string, length: number): string | null {
  if (typeof input !== 'string' || input.length > length * 4) return null;
  const s = input.toUpperCase().replace(/[\s\-_.]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== length) return null;
  for (const ch of s) if (!CROCKFORD_ALPHABET.includes(ch)) return null;
  return s;
}
