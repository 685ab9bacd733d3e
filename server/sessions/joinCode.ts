import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so a code read aloud or typed on a phone survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 symbols × 5 bits = 50 bits from the CSPRNG (the brief asks for ≥ 40). */
export const JOIN_CODE_LENGTH = 10;

/** A new canonical join code (10 upper-case Crockford symbols). */
export function newJoinCode(): string {
  const bytes = randomBytes(JOIN_CODE_LENGTH);
  let out = '';
  // 256 is a multiple of 32, so `b & 31` is uniform.
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** How people see it: `ABCDE-FGHJK`. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What someone typed → the canonical code, or null. Case, spaces and dashes don't matter; O→0, I/L→1. */
export function normaliseJoinCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}
