import { readCrockfordCode } from './crockfordCode.ts';

/** 10 Crockford symbols × 5 bits = 50 random bits (the server draws them: sessions/newJoinCode). */
export const JOIN_CODE_LENGTH = 10;

/** What someone typed → the canonical join code (10 upper-case symbols), or null. See readCrockfordCode. */
export function normaliseJoinCode(input: string): string | null {
  return readCrockfordCode(input, JOIN_CODE_LENGTH);
}

/** How people see it: `ABCDE-FGHJK` (anything else is returned as it is). */
export function formatJoinCode(code: string): string {
  return code.length === JOIN_CODE_LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/** A pasted link works as well as a code: …/join/ABCDE-FGHJK or …/s/ABCDE-FGHJK. */
export function codeFromInput(input: string): string | null {
  const m = /\/(?:join|s)\/([A-Za-z0-9-]+)/.exec(input);
  return normaliseJoinCode(m ? m[1] : input.trim());
}
