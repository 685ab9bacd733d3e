import { randomBytes } from 'node:crypto';
import { CROCKFORD_ALPHABET } from '../protocol/crockfordCode.ts';
import { JOIN_CODE_LENGTH } from '../protocol/joinCode.ts';

/** A new canonical join code from the CSPRNG (10 upper-case Crockford symbols, 50 bits). */
export function newJoinCode(): string {
  let out = '';
  // 256 is a multiple of 32, so `b & 31` is uniform.
  for (const b of randomBytes(JOIN_CODE_LENGTH)) out += CROCKFORD_ALPHABET[b & 31];
  return out;
}
