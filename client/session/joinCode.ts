/** Crockford base32, as the server draws codes: no I, L, O or U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

/**
 * What someone typed → the canonical join code, or null. Mirrors the server's rule (case,
 * spaces and dashes don't matter; O reads as 0, I and L as 1) so the page can say "that is
 * not a code" before asking the server.
 */
export function normaliseJoinCode(input: string): string | null {
  if (input.length > 40) return null;
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/** How people read it: ABCDE-FGHJK. */
export function formatJoinCode(code: string): string {
  return code.length === LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/** A pasted link works as well as a code: …/join/ABCDE-FGHJK or …/s/ABCDE-FGHJK. */
export function codeFromInput(input: string): string | null {
  const m = /\/(?:join|s)\/([A-Za-z0-9-]+)/.exec(input);
  return normaliseJoinCode(m ? m[1] : input.trim());
}
